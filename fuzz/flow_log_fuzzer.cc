// libFuzzer entry point for the flow log reader: any bytes, as a plain file, as a gzip
// member of them (so the fuzzer reaches the parser behind decompression), or with an
// explicit field list, must read without a crash, a sanitizer report or an exception, and
// every delivered record's text spans must lie inside its batch buffer. The first byte
// picks the mode; the rest is the file.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "ingest/flow_log_input.h"
#include "flow_log_fuzz_read.h"
#include "ingest/flow_log_reader.h"

namespace {

constexpr size_t kMaxInput = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sgscope;
  if (size == 0 || size > kMaxInput) return -1;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("sgscope_flow_log_fuzz_" + std::to_string(getpid()));
  ingest::FlowLogReaderOptions options;
  options.batch_records = 1 + data[0] % 5;
  options.keep_status_records = data[0] & 8;
  std::string error;
  if (data[0] & 16) options.fields = ingest::FlowLogFormat::Parse("srcaddr ${dstport} type reject-reason x", error);
  std::string bytes = data[0] & 32 ? ingest::GzipMember(text, 1) : std::string(text);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ReadAndCheckSpans(path, options);
  return 0;
}
