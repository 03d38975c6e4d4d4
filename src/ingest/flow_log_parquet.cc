// Flow log records from Parquet files. AWS writes a column per field, named with underscores
// (`pkt_srcaddr`), typed INT_32, INT_64 or STRING, null for "-" (flow-logs-fields table of
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html). Every value goes
// through the text reader's checks (StoreFlowWord), so both readers give the same records;
// the footer and every chunk are bounds-checked against the file.

#include "ingest/flow_log_parquet.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "ingest/flow_log_format.h"
#include "ingest/parquet_column.h"
#include "ingest/parquet_metadata.h"

namespace sgscope::ingest {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[4] = {'P', 'A', 'R', '1'};
constexpr size_t kTrailerBytes = 8;                   // footer length + "PAR1"
constexpr size_t kMaxFooterBytes = 64u << 20;         // a footer of flat row groups is far smaller
constexpr size_t kMaxValueBytes = 1u << 20;           // as the text reader's longest line
constexpr size_t kMaxBatchText = size_t{1} << 30;     // keeps TextSpan offsets in 32 bits

// A file descriptor closed on scope exit.
struct FileHandle {
  int fd = -1;
  ~FileHandle() {
    if (fd >= 0) close(fd);
  }
};

// Reads `size` bytes at `offset` into `out`; "" or the error.
std::string ReadAt(int fd, uint64_t offset, size_t size, std::string& out) {
  out.resize(size);
  for (size_t done = 0; done < size;) {
    ssize_t n = pread(fd, out.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? std::string("read: ") + std::strerror(errno) : "file shorter than its metadata says";
    done += static_cast<size_t>(n);
  }
  return "";
}

// The column names as a flow log format: "pkt_srcaddr" reads as "pkt-srcaddr" (AWS Parquet
// names use underscores, text headers hyphens); a name that is no single word stays unknown.
std::optional<FlowLogFormat> ColumnFormat(const ParquetFileMetadata& file, std::string& error) {
  std::string names;
  for (const ParquetLeaf& leaf : file.leaves) {
    std::string name = leaf.name.empty() ? "?" : leaf.name;
    for (char& c : name) {
      if (c == '_') c = '-';
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') c = '?';
    }
    names += name + ' ';
  }
  return FlowLogFormat::Parse(names, error);
}

// One row group's known columns, each with its chunk bytes and reader.
struct ColumnState {
  FlowField field;
  size_t leaf;
  std::string chunk;
  std::unique_ptr<ParquetColumnReader> reader;
};

// Reads one file: its footer, then row group after row group.
class ParquetFileReader {
 public:
  ParquetFileReader(size_t batch_records, FlowBatch& batch, FlowRowSink& sink)
      : batch_records_(batch_records), batch_(batch), sink_(sink) {}

  ParquetReadResult Read(const fs::path& path) {
    ParquetReadResult result;
    FileHandle file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) return {std::string("cannot open: ") + std::strerror(errno)};
    fd_ = file.fd;
    result.error = ReadFooter();
    if (result.error.empty()) result.error = ReadColumns();
    for (size_t g = 0; result.error.empty() && g < metadata_.row_groups.size(); ++g) result.error = ReadRowGroup(g);
    FlushBatch();
    result.page_bytes = page_bytes_;
    return result;
  }

 private:
  std::string ReadFooter() {
    off_t end = lseek(fd_, 0, SEEK_END);
    if (end < 0) return std::string("cannot seek: ") + std::strerror(errno);
    file_size_ = static_cast<uint64_t>(end);
    if (file_size_ < sizeof(kMagic) + kTrailerBytes) return fmt::format("Parquet file of {} bytes", file_size_);
    std::string trailer;
    if (std::string e = ReadAt(fd_, file_size_ - kTrailerBytes, kTrailerBytes, trailer); !e.empty()) return e;
    if (std::memcmp(trailer.data() + 4, kMagic, 4) != 0) return "Parquet file without PAR1 at its end (truncated?)";
    uint32_t footer_size;
    std::memcpy(&footer_size, trailer.data(), 4);
    if (footer_size > file_size_ - kTrailerBytes - sizeof(kMagic) || footer_size > kMaxFooterBytes)
      return fmt::format("footer of {} bytes does not fit the file of {} bytes", footer_size, file_size_);
    data_end_ = file_size_ - kTrailerBytes - footer_size;
    std::string footer, error;
    if (std::string e = ReadAt(fd_, data_end_, footer_size, footer); !e.empty()) return e;
    std::optional<ParquetFileMetadata> metadata = ParseParquetFileMetadata(footer, error);
    if (!metadata) return error;
    metadata_ = std::move(*metadata);
    return "";
  }

  // Maps the schema's leaf columns to flow log fields; warns about the others.
  std::string ReadColumns() {
    std::string error;
    std::optional<FlowLogFormat> format = ColumnFormat(metadata_, error);
    if (!format) return "columns: " + error;
    if (std::none_of(format->columns.begin(), format->columns.end(), [](auto& c) { return c.has_value(); }))
      return "no column is a flow log field";
    transit_gateway_ = format->transit_gateway;
    std::vector<std::string_view> unknown;
    for (size_t i = 0; i < format->columns.size(); ++i)
      format->columns[i] ? columns_.push_back({*format->columns[i], i, {}, nullptr})
                         : unknown.push_back(metadata_.leaves[i].name);
    if (!unknown.empty())
      sink_.Problem(Severity::kWarning, 0, "columns",
                    fmt::format("unknown fields {} are skipped", fmt::join(unknown, ", ")));
    return "";
  }

  std::string ReadRowGroup(size_t g) {
    const ParquetRowGroup& group = metadata_.row_groups[g];
    if (group.columns.size() != metadata_.leaves.size())
      return fmt::format("row group {}: {} column chunks, the schema has {} columns", g, group.columns.size(),
                         metadata_.leaves.size());
    // Rows are numbered like lines, in 32 bits; more rows than that is a corrupt count.
    if (group.num_rows < 0 || static_cast<uint64_t>(group.num_rows) > UINT32_MAX - row_)
      return fmt::format("row group {}: {} rows", g, group.num_rows);
    if (transit_gateway_) {
      sink_.SkippedRows(group.num_rows, LineKind::kTransitGateway);
      row_ += group.num_rows;
      return "";
    }
    // Chunks never overlap, so the known columns' chunks fit in the data: this bounds the
    // memory of a row group by the file's size.
    uint64_t chunk_bytes = 0;
    for (const ColumnState& column : columns_)
      chunk_bytes += std::clamp<int64_t>(group.columns[column.leaf].total_compressed_size, 0, data_end_ + 1);
    if (chunk_bytes > data_end_) return fmt::format("row group {}: column chunks larger than the file", g);
    bool any_open = false;
    for (ColumnState& column : columns_) any_open |= OpenColumn(g, column);
    if (any_open) {
      ReadRows(g, static_cast<uint64_t>(group.num_rows));
    } else if (group.num_rows > 0) {  // every column diagnosed: nothing to read
      sink_.SkippedRows(group.num_rows, LineKind::kMalformed);
      row_ += group.num_rows;
    }
    for (ColumnState& column : columns_) {
      if (column.reader) page_bytes_ += column.reader->decoded_bytes();
      column.reader.reset();
    }
    return "";
  }

  // Reads the column's chunk; on a problem the column stays closed (absent) for the group.
  bool OpenColumn(size_t g, ColumnState& column) {
    const ParquetColumnChunk& meta = metadata_.row_groups[g].columns[column.leaf];
    const ParquetLeaf& leaf = metadata_.leaves[column.leaf];
    std::string problem = ParquetColumnReader::Unsupported(meta, leaf);
    int64_t start = meta.start();
    if (problem.empty() && meta.num_values != metadata_.row_groups[g].num_rows)
      problem = fmt::format("{} values for {} rows", meta.num_values, metadata_.row_groups[g].num_rows);
    if (problem.empty() && (start < static_cast<int64_t>(sizeof(kMagic)) || meta.total_compressed_size < 0 ||
                            static_cast<uint64_t>(start) > data_end_ ||
                            static_cast<uint64_t>(meta.total_compressed_size) > data_end_ - start))
      problem = fmt::format("chunk at byte {} of {} bytes lies outside the data", start, meta.total_compressed_size);
    if (problem.empty()) problem = ReadAt(fd_, start, meta.total_compressed_size, column.chunk);
    if (!problem.empty()) {
      column.chunk = std::string();
      ColumnProblem(g, column, problem);
      return false;
    }
    column.reader = std::make_unique<ParquetColumnReader>(column.chunk, meta, leaf);
    return true;
  }

  void ColumnProblem(size_t g, const ColumnState& column, const std::string& problem) {
    sink_.Problem(Severity::kError, row_ + 1,
                  fmt::format("row group {}, column {}", g, metadata_.leaves[column.leaf].name), problem);
  }

  void ReadRows(size_t g, uint64_t rows) {
    for (uint64_t r = 0; r < rows; ++r) {
      if (batch_.records.size() >= batch_records_ || text_.size() > kMaxBatchText) FlushBatch();
      FlowRecord& record = batch_.records.emplace_back();
      record.line = static_cast<uint32_t>(row_ + 1);
      LineKind kind = LineKind::kRecord;
      for (ColumnState& column : columns_) {
        if (!column.reader) continue;
        if (!column.reader->Next(value_)) {
          // The columns no longer line up: the rest of the group is lost.
          ColumnProblem(g, column, column.reader->error());
          batch_.records.pop_back();
          sink_.SkippedRows(rows - r, LineKind::kMalformed);
          row_ += rows - r;
          return;
        }
        if (kind == LineKind::kRecord) kind = Store(column.field, record);
      }
      sink_.Row(++row_, kind, error_);
    }
  }

  // Stores the current value of `field` in `record` the way a text line's word is stored.
  LineKind Store(FlowField field, FlowRecord& record) {
    if (value_.null) return LineKind::kRecord;
    std::string_view word = value_.bytes;
    char digits[24];
    if (!value_.is_bytes)
      word = std::string_view(digits, std::to_chars(digits, digits + sizeof digits, value_.integer).ptr - digits);
    if (word.size() > kMaxValueBytes) {
      error_ = fmt::format("{} value longer than 1 MiB", FlowFieldName(field));
      return LineKind::kMalformed;
    }
    auto offset = static_cast<uint32_t>(text_.size());
    if (FlowTextOf(field)) text_.append(word);
    return StoreFlowWord(field, word, offset, record, error_);
  }

  void FlushBatch() {
    batch_.buffer = text_;
    sink_.Flush();
    text_.clear();
  }

  size_t batch_records_;
  FlowBatch& batch_;
  FlowRowSink& sink_;
  int fd_ = -1;
  uint64_t file_size_ = 0, data_end_ = 0, row_ = 0, page_bytes_ = 0;
  ParquetFileMetadata metadata_;
  std::vector<ColumnState> columns_;
  bool transit_gateway_ = false;
  std::string text_, error_;
  ParquetValue value_;
};

}  // namespace

bool HasParquetMagic(const fs::path& path) {
  FileHandle file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  char head[4];
  return file.fd >= 0 && pread(file.fd, head, 4, 0) == 4 && std::memcmp(head, kMagic, 4) == 0;
}

ParquetReadResult ReadFlowLogParquet(const fs::path& path, size_t batch_records, FlowBatch& batch,
                                     FlowRowSink& sink) {
  return ParquetFileReader(batch_records, batch, sink).Read(path);
}

}  // namespace sgscope::ingest
