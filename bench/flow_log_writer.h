#pragma once
// Writes generated flow logs to a folder, streaming: S3-style files (a header line, then
// records; plain or gzip in several members) and truth.jsonl beside them.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "flow_log_generator.h"

namespace sgscope::bench {

// How many records, and how they are cut into files and members.
struct FlowLogFilesOptions {
  uint64_t records = 1000;              // record lines in all files (headers not counted)
  bool gzip = false;                    // flows-NNNN.log.gz, else flows-NNNN.log
  bool truth = true;                    // write truth.jsonl
  uint64_t records_per_file = 1'000'000;   // 0: one file
  uint64_t records_per_member = 100'000;  // gzip members (plain files: write chunks); 0: one per file
};

// What was written.
struct FlowLogFilesSummary {
  std::vector<std::string> files;  // names inside the folder, in order
  uint64_t records = 0, accepted = 0, rejected = 0, status = 0, malformed = 0;
  std::string error;  // a file that could not be written; "" when all went well
};

// Generates `files.records` lines from `network` into `out_dir` (created). Memory holds one
// member's text, never the whole log. No file is written when the snapshot has nothing to
// generate from (FlowLogGenerator::CanGenerate).
FlowLogFilesSummary WriteFlowLogFiles(const Network& network, const FlowLogGeneratorOptions& generator,
                                      const FlowLogFilesOptions& files, const std::filesystem::path& out_dir);

}  // namespace sgscope::bench
