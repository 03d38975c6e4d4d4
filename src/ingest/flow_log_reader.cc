// Turns flow log files into FlowBatches: splits the streamed text into lines (a line may
// straddle two pieces), follows header lines (every S3 object starts with one, so
// concatenated objects switch format mid-stream), parses records into a reused batch and
// counts what is not traffic. Files are spread over worker threads; the counts and the
// kept diagnostics do not depend on which thread read which file.

#include "ingest/flow_log_reader.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "ingest/flow_log_input.h"
#include "ingest/flow_log_line.h"
#include "ingest/flow_log_parquet.h"
#include "ingest/parallel_tasks.h"

namespace sgscope::ingest {

namespace fs = std::filesystem;

namespace {

// Longer lines are malformed (the longest v8 record is well under 4 KiB), which also keeps
// a batch's text spans within 32 bits.
constexpr size_t kMaxLineBytes = 1 << 20;

// A diagnostic with its file's position in the sorted file list, for a stable order.
struct KeptDiagnostic {
  size_t file_index;
  uint64_t line;
  Diagnostic diagnostic;
};

bool ByPosition(const KeptDiagnostic& a, const KeptDiagnostic& b) {
  return std::tie(a.file_index, a.line) < std::tie(b.file_index, b.line);
}

// Sorts `kept` and drops all but the first `limit`.
void Trim(std::vector<KeptDiagnostic>& kept, size_t limit) {
  std::stable_sort(kept.begin(), kept.end(), ByPosition);
  if (kept.size() > limit) kept.resize(limit);
}

bool IsFlowLogName(const fs::path& path) {
  std::string name = path.filename().string();
  for (std::string_view suffix : {".log", ".gz", ".txt", ".json", ".parquet"})
    if (name.ends_with(suffix)) return true;
  return false;
}

// One worker's state: parses the files it is given, one at a time. Parquet files hand their
// rows back through FlowRowSink.
class FileParser : private FlowRowSink {
 public:
  FileParser(const FlowLogReaderOptions& options, const FlowBatchSink& sink, unsigned worker)
      : options_(options), sink_(sink), worker_(worker), batch_size_(std::max<size_t>(1, options.batch_records)) {}

  void Read(const fs::path& path, size_t file_index) {
    file_name_ = path.string();
    file_index_ = file_index;
    format_ = options_.fields ? *options_.fields : FlowLogFormat::Default();
    line_number_ = 0;
    pending_.clear();
    ++stats_.files;
    std::string error;
    if (HasParquetMagic(path)) {
      encoding_ = FlowLogEncoding::kParquet;
      batch_.records.clear();  // the Parquet reader appends to the batch; text slots are not records
      ParquetReadResult parquet = ReadFlowLogParquet(path, options_.batch_records, batch_, *this);
      stats_.bytes += parquet.page_bytes;
      error = std::move(parquet.error);
    } else {
      error = text_.Stream(path, [this](std::string_view piece) { Feed(piece); }, encoding_);
    }
    if (!pending_.empty()) ParseStitched();
    if (!error.empty()) {
      ++stats_.unreadable_files;
      Keep(line_number_, Severity::kError, "", error);
    }
    Trim(file_diagnostics_, options_.max_diagnostics);
    kept_.insert(kept_.end(), file_diagnostics_.begin(), file_diagnostics_.end());
    file_diagnostics_.clear();
    Trim(kept_, options_.max_diagnostics);
  }

  const FlowLogStats& stats() const { return stats_; }
  std::vector<KeptDiagnostic>& kept() { return kept_; }

 private:
  // A piece of text: completes the line left over from the last piece, parses the whole
  // lines, and keeps the unfinished tail for the next piece.
  void Feed(std::string_view piece) {
    stats_.bytes += piece.size();
    if (!pending_.empty()) {
      size_t newline = piece.find('\n');
      if (newline == std::string_view::npos) {
        pending_.append(piece);
        return;
      }
      pending_.append(piece.substr(0, newline));
      ParseStitched();
      piece.remove_prefix(newline + 1);
    }
    size_t last = piece.rfind('\n');
    if (last == std::string_view::npos) {
      pending_.assign(piece);
      return;
    }
    ParseLines(piece.substr(0, last + 1));
    pending_.assign(piece.substr(last + 1));
  }

  // The line in pending_ (without its newline) as a batch of its own.
  void ParseStitched() {
    std::string line = std::move(pending_);
    pending_.clear();
    ParseLines(line);
    pending_ = std::string();
  }

  // Whole lines; the last one may lack its newline only at the end of the file.
  void ParseLines(std::string_view text) {
    const char* base = text.data();
    const char* end = text.data() + text.size();
    for (const char* p = base; p < end;) {
      const char* newline = static_cast<const char*>(std::memchr(p, '\n', end - p));
      const char* line_end = newline ? newline : end;
      if (filled_ == batch_size_ || line_end - base > (1 << 30)) {
        Flush(base, p);
        base = p;
      }
      ParseLine(std::string_view(p, line_end - p), static_cast<uint32_t>(p - base));
      p = newline ? newline + 1 : end;
    }
    Flush(base, end);
  }

  void ParseLine(std::string_view line, uint32_t offset) {
    ++line_number_;
    ++stats_.lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A line opening with a digit (a record's version) is neither blank nor a header.
    bool digit = !line.empty() && line[0] >= '0' && line[0] <= '9';
    if (!digit && line.find_first_not_of(" \t") == std::string_view::npos) return;
    if (line.size() > kMaxLineBytes) return Malformed("line longer than 1 MiB");
    if (!digit && FlowLogFormat::IsHeader(line)) return ReadHeader(line);
    if (format_.transit_gateway) return void(++stats_.transit_gateway);
    FlowRecord& record = NextRecord();
    record.line = static_cast<uint32_t>(line_number_);
    if (Delivered(ParseFlowLine(line, format_, offset, record, error_), record, error_)) ++filled_;
  }

  // The record the next text line is parsed into: batch_.records[filled_], reused from batch
  // to batch rather than value-initialised (writing 384 bytes a line cost an eighth of the
  // parse). A default-layout line, fast path or not, writes only default-layout fields (and
  // `line`), so the others stay zero as the fast path needs; a record a custom-format line
  // was parsed into is reset before a default-layout line reuses it.
  FlowRecord& NextRecord() {
    std::vector<FlowRecord>& records = batch_.records;
    if (records.size() < batch_size_) records.resize(batch_size_), custom_.resize(batch_size_);
    if (!format_.default_layout) {
      custom_[filled_] = any_custom_ = true;
    } else if (any_custom_ && custom_[filled_]) {
      records[filled_] = FlowRecord{};
      custom_[filled_] = false;
    }
    return records[filled_];
  }

  // Counts a parsed record as `kind`; whether it is handed to the sink.
  bool Delivered(LineKind kind, const FlowRecord& record, const std::string& error) {
    switch (kind) {
      case LineKind::kRecord: break;
      case LineKind::kTransitGateway: ++stats_.transit_gateway; return false;
      case LineKind::kMalformed: Malformed(error); return false;
    }
    ++stats_.records;
    if (record.log_status == FlowLogStatus::kNoData) ++stats_.no_data;
    if (record.log_status == FlowLogStatus::kSkipData) ++stats_.skip_data;
    if (!record.IsTraffic() && !options_.keep_status_records) return false;
    ++stats_.delivered;
    return true;
  }

  // FlowRowSink: a Parquet row, the batch's last record, is counted as a line.
  void Row(uint64_t row, LineKind kind, const std::string& error) override {
    line_number_ = row;
    ++stats_.lines;
    if (!Delivered(kind, batch_.records.back(), error)) batch_.records.pop_back();
  }
  void SkippedRows(uint64_t count, LineKind why) override {
    stats_.lines += count;
    (why == LineKind::kTransitGateway ? stats_.transit_gateway : stats_.malformed) += count;
  }
  void Problem(Severity severity, uint64_t row, std::string where, std::string message) override {
    Keep(row, severity, std::move(where), std::move(message));
  }
  void Flush() override {
    Hand();
    batch_.records.clear();
  }

  void ReadHeader(std::string_view line) {
    ++stats_.headers;
    std::string error;
    std::optional<FlowLogFormat> format = FlowLogFormat::Parse(line, error);
    if (!format) return Malformed("header: " + error);
    format_ = std::move(*format);
    if (!format_.unknown_fields.empty())
      Keep(line_number_, Severity::kWarning, Where(line_number_),
           fmt::format("header: unknown fields {} are skipped", fmt::join(format_.unknown_fields, ", ")));
  }

  void Malformed(const std::string& message) {
    ++stats_.malformed;
    if (file_diagnostics_.size() < options_.max_diagnostics)
      Keep(line_number_, Severity::kError, Where(line_number_), "malformed record: " + message);
  }

  std::string Where(uint64_t line) const {
    if (encoding_ == FlowLogEncoding::kCloudWatchJson) return fmt::format("events[{}].message", line - 1);
    if (encoding_ == FlowLogEncoding::kParquet) return fmt::format("row {}", line);
    return fmt::format("line {}", line);
  }

  void Keep(uint64_t line, Severity severity, std::string path, std::string message) {
    file_diagnostics_.push_back({file_index_, line, {severity, file_name_, std::move(path), std::move(message)}});
  }

  // Hands the filled_ records of the text [begin, end) to the sink; a full batch keeps its
  // records for the next one to reuse.
  void Flush(const char* begin, const char* end) {
    batch_.buffer = std::string_view(begin, end - begin);
    batch_.records.resize(filled_);
    filled_ = 0;
    Hand();
  }

  // Hands the batch (its buffer set) to the sink.
  void Hand() {
    if (batch_.records.empty()) return;
    batch_.file = file_name_;
    sink_(batch_, worker_);
  }

  const FlowLogReaderOptions& options_;
  const FlowBatchSink& sink_;
  unsigned worker_;
  size_t batch_size_;
  FlowBatch batch_;
  size_t filled_ = 0;        // text records of the batch so far, batch_.records[0, filled_)
  std::vector<bool> custom_;  // per record: a custom-format line was parsed into it
  bool any_custom_ = false;   // some custom_ may be set (spares default-layout files the look-up)
  FlowLogTextStream text_;
  FlowLogFormat format_;
  FlowLogEncoding encoding_ = FlowLogEncoding::kText;
  std::string file_name_, pending_, error_;
  size_t file_index_ = 0;
  uint64_t line_number_ = 0;
  FlowLogStats stats_;
  std::vector<KeptDiagnostic> file_diagnostics_, kept_;
};

}  // namespace

void FlowLogStats::Add(const FlowLogStats& o) {
  files += o.files, unreadable_files += o.unreadable_files, bytes += o.bytes, lines += o.lines;
  headers += o.headers, records += o.records, delivered += o.delivered, no_data += o.no_data;
  skip_data += o.skip_data, transit_gateway += o.transit_gateway, malformed += o.malformed;
}

std::vector<fs::path> ListFlowLogFiles(std::span<const fs::path> inputs, Diagnostics& diagnostics) {
  std::vector<fs::path> files;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      for (fs::recursive_directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && IsFlowLogName(it->path())) files.push_back(it->path());
      if (ec) diagnostics.Add(Severity::kError, input.string(), "", "cannot list folder: " + ec.message());
    } else if (fs::exists(input, ec)) {
      files.push_back(input);
    } else {
      diagnostics.Add(Severity::kError, input.string(), "", "no such file or folder");
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

FlowLogReadResult ReadFlowLogs(std::span<const fs::path> inputs, const FlowLogReaderOptions& options,
                               const FlowBatchSink& sink) {
  FlowLogReadResult result;
  std::vector<fs::path> files = ListFlowLogFiles(inputs, result.diagnostics);
  // Largest files first balances the threads best.
  std::vector<size_t> order(files.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<uintmax_t> sizes(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    sizes[i] = fs::file_size(files[i], ec);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  unsigned workers = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(files.size())));
  std::vector<FileParser> parsers;
  parsers.reserve(workers);
  for (unsigned w = 0; w < workers; ++w) parsers.emplace_back(options, sink, w);
  RunTasks(order, workers, [&](unsigned worker, size_t file) { parsers[worker].Read(files[file], file); });
  std::vector<KeptDiagnostic> kept;
  for (FileParser& parser : parsers) {
    result.stats.Add(parser.stats());
    kept.insert(kept.end(), parser.kept().begin(), parser.kept().end());
  }
  Trim(kept, options.max_diagnostics);
  for (KeptDiagnostic& k : kept) result.diagnostics.mutable_items().push_back(std::move(k.diagnostic));
  return result;
}

}  // namespace sgscope::ingest
