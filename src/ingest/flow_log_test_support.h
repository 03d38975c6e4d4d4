#pragma once
// Helpers for the flow log reader tests (text and Parquet): read everything a read delivers
// as field name -> text, and scratch folders and files.

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/flow_log_reader.h"

namespace sgscope::ingest::testing {

namespace fs = std::filesystem;

using Fields = std::map<std::string, std::string>;

// What a read delivered: every record as field name -> text, present fields only.
struct Read {
  FlowLogReadResult result;
  std::vector<Fields> records;
  std::vector<uint32_t> lines;
  std::vector<std::string> files;
};

inline Read ReadAll(std::vector<fs::path> inputs, FlowLogReaderOptions options = {}) {
  Read read;
  std::mutex mutex;
  read.result = ReadFlowLogs(inputs, options, [&](const FlowBatch& batch, unsigned) {
    std::lock_guard lock(mutex);
    for (const FlowRecord& r : batch.records) {
      Fields fields;
      for (size_t i = 0; i < kFlowFieldCount; ++i)
        if (r.Has(static_cast<FlowField>(i)))
          fields[std::string(FlowFieldName(static_cast<FlowField>(i)))] =
              FlowFieldText(batch, r, static_cast<FlowField>(i));
      read.records.push_back(std::move(fields));
      read.lines.push_back(r.line);
      read.files.emplace_back(batch.file);
    }
  });
  return read;
}

inline std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A scratch folder for one test, emptied first.
inline fs::path Scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("sgscope_flow_log_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline void Write(const fs::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace sgscope::ingest::testing
