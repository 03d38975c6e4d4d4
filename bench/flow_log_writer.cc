// Streams generated flow log lines into files the way S3 delivers them (one header line
// per object, gzip members) and the truth of each line into truth.jsonl, numbering lines
// as the reader does: 1-based over the file's decompressed text, the header included.

#include "flow_log_writer.h"

#include <fstream>

#include <fmt/format.h>

#include "ingest/flow_log_input.h"

namespace sgscope::bench {

namespace {

// The files of one run: the open file, its pending member, its line count.
class FileSeries {
 public:
  FileSeries(const std::filesystem::path& dir, const FlowLogFilesOptions& options, std::string header)
      : dir_(dir), options_(options), header_(std::move(header)) {}
  ~FileSeries() { Flush(); }

  // Appends one record line; returns the file name and line number it got.
  std::pair<const std::string*, uint64_t> Append(const std::string& line, FlowLogFilesSummary& summary) {
    if (!out_.is_open() || (options_.records_per_file && in_file_ == options_.records_per_file)) Open(summary);
    (pending_ += line) += '\n';
    ++in_file_, ++line_;
    if (options_.records_per_member && in_file_ % options_.records_per_member == 0) Flush();
    return {&summary.files.back(), line_};
  }

 private:
  void Open(FlowLogFilesSummary& summary) {
    Flush();
    out_.close();
    summary.files.push_back(fmt::format("flows-{:04}.log{}", summary.files.size(), options_.gzip ? ".gz" : ""));
    out_.open(dir_ / summary.files.back(), std::ios::binary | std::ios::trunc);
    if (!out_) summary.error = "cannot write " + (dir_ / summary.files.back()).string();
    pending_ = header_ + "\n";
    in_file_ = 0, line_ = 1;
  }
  void Flush() {
    if (pending_.empty()) return;
    std::string member = options_.gzip ? ingest::GzipMember(pending_) : std::string();
    const std::string& bytes = options_.gzip ? member : pending_;
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    pending_.clear();
  }

  std::filesystem::path dir_;
  const FlowLogFilesOptions& options_;
  std::string header_, pending_;
  std::ofstream out_;
  uint64_t in_file_ = 0, line_ = 0;
};

void Tally(const FlowTruth& truth, FlowLogFilesSummary& summary) {
  ++summary.records;
  if (truth.status == TruthStatus::kMalformed) ++summary.malformed;
  else if (truth.status != TruthStatus::kOk) ++summary.status;
  else if (truth.verdict.action == FlowAction::kAccept) ++summary.accepted;
  else ++summary.rejected;
}

}  // namespace

FlowLogFilesSummary WriteFlowLogFiles(const Network& network, const FlowLogGeneratorOptions& generator_options,
                                      const FlowLogFilesOptions& options, const std::filesystem::path& out_dir) {
  FlowLogFilesSummary summary;
  FlowLogGeneratorOptions effective = generator_options;
  effective.all_rules = options.truth;
  FlowLogGenerator generator(network, effective);
  if (!generator.CanGenerate() || options.records == 0) return summary;
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  std::ofstream truth_out;
  if (options.truth) truth_out.open(out_dir / "truth.jsonl", std::ios::binary | std::ios::trunc);
  if (error || (options.truth && !truth_out)) {
    summary.error = "cannot write into " + out_dir.string() + (error ? ": " + error.message() : "");
    return summary;
  }
  {
    FileSeries files(out_dir, options, generator.Header());
    std::vector<GeneratedRecord> scenario;
    while (summary.records < options.records && summary.error.empty()) {
      scenario.clear();
      generator.NextScenario(scenario);
      for (GeneratedRecord& record : scenario) {
        if (summary.records == options.records) break;
        auto [file, line] = files.Append(record.line, summary);
        Tally(record.truth, summary);
        if (!options.truth) continue;
        record.truth.file = *file, record.truth.line = line;
        truth_out << record.truth.ToJson() << '\n';
      }
    }
  }
  return summary;
}

}  // namespace sgscope::bench
