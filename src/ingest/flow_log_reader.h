#pragma once
// Reading VPC flow logs (files and folders of them) as a stream of record batches handed to
// a callback, with counts of what was read, skipped and malformed. Memory stays bounded:
// one batch and one decompressed gzip member per worker thread.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "ingest/flow_log_format.h"
#include "model/diagnostic.h"
#include "model/flow_record.h"

namespace sgscope::ingest {

// How to read: the format of lines before any header, batching, threads, diagnostics.
struct FlowLogReaderOptions {
  std::optional<FlowLogFormat> fields;  // --fields; the default v2 format when absent
  // A batch's records (384 bytes each) and text stay in the core's cache from the parse to the
  // callback at 256; 4096 (1.5 MB of records) made AnalyzeFlowLogs ~4% slower (bench/README.md).
  size_t batch_records = 256;
  size_t max_diagnostics = 100;  // malformed lines kept as diagnostics; the rest only counted
  unsigned threads = 1;          // files are spread over this many threads
  bool keep_status_records = false;  // also hand NODATA / SKIPDATA records to the callback
};

// What a read saw. records = every VPC record parsed, NODATA and SKIPDATA included;
// delivered = those handed to the callback.
struct FlowLogStats {
  uint64_t files = 0;
  uint64_t unreadable_files = 0;
  uint64_t bytes = 0;  // text bytes after decompression (Parquet: decompressed page bytes)
  uint64_t lines = 0;
  uint64_t headers = 0;
  uint64_t records = 0;
  uint64_t delivered = 0;
  uint64_t no_data = 0;
  uint64_t skip_data = 0;
  uint64_t transit_gateway = 0;  // Transit Gateway flow log lines, skipped
  uint64_t malformed = 0;

  void Add(const FlowLogStats& other);
  bool operator==(const FlowLogStats&) const = default;
};

struct FlowLogReadResult {
  FlowLogStats stats;
  // Unreadable files, unknown header fields, and the first max_diagnostics malformed
  // lines in file and line order; path is "line N" (or "events[N].message" of a JSON export).
  Diagnostics diagnostics;
};

// Called with each batch, from the worker thread `worker` (0..threads-1) that parsed it;
// batches of one file arrive in order from one worker.
using FlowBatchSink = std::function<void(const FlowBatch& batch, unsigned worker)>;

// The files `inputs` name: files as given, folders walked recursively for *.log, *.gz,
// *.txt, *.json and *.parquet files; in path order. Missing inputs become diagnostics.
std::vector<std::filesystem::path> ListFlowLogFiles(std::span<const std::filesystem::path> inputs,
                                                    Diagnostics& diagnostics);

FlowLogReadResult ReadFlowLogs(std::span<const std::filesystem::path> inputs, const FlowLogReaderOptions& options,
                               const FlowBatchSink& sink);

}  // namespace sgscope::ingest
