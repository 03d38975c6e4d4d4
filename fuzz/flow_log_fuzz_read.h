#pragma once
// What both flow log fuzzers do with the file they wrote: read it, and trap unless every
// delivered record's text spans lie inside its batch buffer.

#include <cstdint>
#include <filesystem>

#include "ingest/flow_log_reader.h"

inline void ReadAndCheckSpans(const std::filesystem::path& path, const sgscope::ingest::FlowLogReaderOptions& options) {
  std::filesystem::path inputs[] = {path};
  sgscope::ingest::ReadFlowLogs(inputs, options, [](const sgscope::FlowBatch& batch, unsigned) {
    for (const sgscope::FlowRecord& r : batch.records)
      for (const sgscope::TextSpan& span : r.text)
        if (span.offset + uint64_t{span.length} > batch.buffer.size()) __builtin_trap();
  });
}
