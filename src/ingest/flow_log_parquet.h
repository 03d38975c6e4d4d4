#pragma once
// VPC flow logs delivered to S3 as Apache Parquet (the "Parquet" log file format): records
// read column chunk by column chunk into the same FlowRecords the text reader produces.

#include <cstdint>
#include <filesystem>
#include <string>

#include "ingest/flow_log_line.h"
#include "model/diagnostic.h"
#include "model/flow_record.h"

namespace sgscope::ingest {

// Where the Parquet reader hands its rows, problems and full batches (the file reader).
class FlowRowSink {
 public:
  virtual ~FlowRowSink() = default;
  // Row `row` (1-based in the file) was read into the batch's last record as `kind`
  // (`error` says why a kMalformed row is not a record); the sink keeps or drops it.
  virtual void Row(uint64_t row, LineKind kind, const std::string& error) = 0;
  // `count` rows read into no record: Transit Gateway rows (kTransitGateway), or rows lost
  // to a column chunk that failed (kMalformed).
  virtual void SkippedRows(uint64_t count, LineKind why) = 0;
  // A problem with the file or one column: where ("row group 2, column srcport") and what.
  virtual void Problem(Severity severity, uint64_t row, std::string where, std::string message) = 0;
  // Hands over the batch (its buffer set by the reader), which the sink then empties.
  virtual void Flush() = 0;
};

// Whether the file starts with Parquet's magic bytes "PAR1".
bool HasParquetMagic(const std::filesystem::path& path);

struct ParquetReadResult {
  std::string error;       // "" or why the file could not be read (bad footer, I/O)
  uint64_t page_bytes = 0; // decompressed page bytes of the columns read
};

// Reads `path` into `batch` (records appended, batches of `batch_records` handed to
// `sink.Flush()`): memory is one row group's chunks of the known columns and one
// decompressed page per column, read with positioned reads.
ParquetReadResult ReadFlowLogParquet(const std::filesystem::path& path, size_t batch_records, FlowBatch& batch,
                                     FlowRowSink& sink);

}  // namespace sgscope::ingest
