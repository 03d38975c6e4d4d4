#pragma once
// The text inside a flow log file: plain, gzip (any number of members), or the
// events[].message of a CloudWatch Logs JSON export, handed over in pieces.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace sgscope::ingest {

// kParquet files are read by flow_log_parquet.h, not streamed as text.
enum class FlowLogEncoding : uint8_t { kText, kGzip, kCloudWatchJson, kParquet };

// Receives the file's text in pieces that may end anywhere (mid-line too); a piece is
// valid only during the call.
using TextSink = std::function<void(std::string_view piece)>;

// Reads files one after another, keeping the gzip state and the member buffer from file to
// file: a worker reading many S3 objects allocates (and the kernel maps) them once.
class FlowLogTextStream {
 public:
  FlowLogTextStream();
  FlowLogTextStream(FlowLogTextStream&&) noexcept;
  ~FlowLogTextStream();

  // Streams the content of `path` to `sink`: gzip is recognised by its magic bytes, a
  // CloudWatch Logs export (`aws logs get-log-events` / `filter-log-events` output) by a
  // leading '{'; its messages come one a line. Returns "" or what went wrong (pieces
  // already delivered stay delivered). `encoding` says what the file was.
  std::string Stream(const std::filesystem::path& path, const TextSink& sink, FlowLogEncoding& encoding);

 private:
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
};

// One gzip member holding `text` (libdeflate level 1-12): what S3 delivers, for the tests,
// the fuzzer and the benchmark to write.
std::string GzipMember(std::string_view text, int level = 6);

}  // namespace sgscope::ingest
