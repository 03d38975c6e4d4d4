// libFuzzer entry point for the Parquet flow log reader: any bytes as a .parquet file (the
// seeds are DuckDB-written fixtures, so mutations reach the footer, page headers, codecs
// and encodings) must read without a crash, a sanitizer report, an exception or an
// unbounded allocation, and every delivered record's text spans must lie in its batch.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "flow_log_fuzz_read.h"
#include "ingest/flow_log_reader.h"

namespace {

constexpr size_t kMaxInput = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sgscope;
  if (size > kMaxInput) return -1;
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("sgscope_parquet_fuzz_" + std::to_string(getpid()) + ".parquet");
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  ingest::FlowLogReaderOptions options;
  options.batch_records = 1 + size % 7;
  options.keep_status_records = size % 2;
  ReadAndCheckSpans(path, options);
  return 0;
}
