// Opens a flow log file and streams its text. VPC Flow Logs deliver S3 objects gzip
// compressed (*.log.gz); concatenated objects are a multi-member gzip, so members are
// decompressed one after the other with ISA-L's igzip (about 1.4x libdeflate's inflate on
// flow log text, bench/README.md), each into one buffer reused from member to member and
// file to file (the memory bound is the largest member). Plain files are read in fixed chunks.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html

#include "ingest/flow_log_input.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <simdjson.h>

namespace sgscope::ingest {

namespace {

constexpr size_t kChunkBytes = 4 << 20;
constexpr size_t kMinMemberBuffer = 8 << 20;
constexpr size_t kGzipMinimumMember = 18;  // 10-byte header + 8-byte trailer
constexpr unsigned char kGzipMagic[2] = {0x1f, 0x8b};

// A read-only mapping of a whole file; empty for an empty file.
class MappedFile {
 public:
  ~MappedFile() {
    if (data_) munmap(data_, size_);
  }
  std::string Open(const std::filesystem::path& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::string("cannot open: ") + std::strerror(errno);
    struct stat st {};
    fstat(fd, &st);
    size_ = static_cast<size_t>(st.st_size);
    if (size_ > 0) {
      void* data = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data == MAP_FAILED) {
        close(fd);
        return std::string("cannot map: ") + std::strerror(errno);
      }
      data_ = data;
      madvise(data_, size_, MADV_SEQUENTIAL);
    }
    close(fd);
    return "";
  }
  std::string_view view() const { return {static_cast<const char*>(data_), data_ ? size_ : 0}; }
  // Drops the pages before `offset` from memory (they are read again if touched), so a large
  // file does not stay resident once parsed.
  void Release(size_t offset) {
    size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    size_t end = std::min(offset, size_) / page * page;  // never past the mapping
    if (data_ && end > released_) madvise(static_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = std::max(released_, end);
  }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
};

bool IsGzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == kGzipMagic[0] &&
         static_cast<unsigned char>(data[1]) == kGzipMagic[1];
}

// The ISIZE trailer of the file's last member: its decompressed size mod 2^32, a good
// first guess for every member's buffer.
size_t LastMemberSize(std::string_view data) {
  uint32_t size;
  std::memcpy(&size, data.data() + data.size() - 4, 4);
  return size;
}

// ISA-L counts bytes in 32 bits: a longer input or output is handed over in parts.
uint32_t Clamp32(size_t n) { return static_cast<uint32_t>(std::min<size_t>(n, UINT32_MAX)); }

// Plain text is mapped, and handed over a chunk at a time so that pages already parsed can
// be dropped by the kernel.
void StreamPlain(MappedFile& file, const TextSink& sink) {
  std::string_view data = file.view();
  for (size_t pos = 0; pos < data.size(); pos += kChunkBytes) {
    sink(data.substr(pos, kChunkBytes));
    file.Release(pos + kChunkBytes);
  }
}

// The messages of {"events": [{"message": "..."}, ...]}, joined by newlines. Exports are
// API pages (at most 1 MB or 10,000 events each), so the whole text is built at once.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilteredLogEvent.html
std::string StreamCloudWatchJson(std::string_view data, const TextSink& sink) {
  simdjson::padded_string json(data);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (auto error = parser.iterate(json).get(doc)) return std::string("JSON: ") + simdjson::error_message(error);
  simdjson::ondemand::array events;
  if (doc["events"].get_array().get(events)) return "JSON without an events[] array of log events";
  std::string text;
  size_t index = 0;
  for (auto event : events) {
    std::string_view message;
    if (event["message"].get_string().get(message)) {
      return fmt::format("events[{}]: no message string", index);
    }
    text.append(message);
    text.push_back('\n');
    ++index;
  }
  sink(text);
  return "";
}

}  // namespace

// The inflate state and the buffer members are decompressed into, whole (a corrupt member
// delivers nothing), kept from member to member and file to file.
struct FlowLogTextStream::Inflater {
  inflate_state state;
  std::unique_ptr<char[]> out;
  size_t capacity = 0;

  Inflater() { isal_inflate_init(&state); }

  // A buffer of at least `bytes`, its contents dropped.
  void Reserve(size_t bytes) {
    if (capacity >= bytes) return;
    out.reset(new char[bytes]);
    capacity = bytes;
  }

  // Doubles the buffer, keeping its first `used` bytes.
  void Grow(size_t used) {
    std::unique_ptr<char[]> bigger(new char[capacity * 2]);
    std::memcpy(bigger.get(), out.get(), used);
    out = std::move(bigger);
    capacity *= 2;
  }

  // Decompresses the gzip member at the start of `in` into `out` (grown as needed), setting
  // `in_bytes` / `out_bytes`; false when corrupt or truncated. The CRC-32 and size in the
  // member's trailer are checked.
  bool Member(std::string_view in, size_t& in_bytes, size_t& out_bytes) {
    isal_inflate_reset(&state);
    state.crc_flag = ISAL_GZIP;
    const auto* begin = reinterpret_cast<const uint8_t*>(in.data());
    state.next_in = const_cast<uint8_t*>(begin);
    state.avail_in = Clamp32(in.size());
    in_bytes = out_bytes = 0;
    while (true) {
      if (out_bytes == capacity) Grow(out_bytes);
      state.next_out = reinterpret_cast<uint8_t*>(out.get() + out_bytes);
      state.avail_out = Clamp32(capacity - out_bytes);
      size_t in_before = in_bytes, out_before = out_bytes;
      int result = isal_inflate(&state);
      out_bytes = reinterpret_cast<char*>(state.next_out) - out.get();
      in_bytes = state.next_in - begin;
      if (result != ISAL_DECOMP_OK) return false;
      if (state.block_state == ISAL_BLOCK_FINISH) return true;
      if (in_bytes == in_before && out_bytes == out_before && state.avail_in > 0) return false;  // no progress
      if (state.avail_in == 0) {
        if (in_bytes == in.size()) return false;  // the input ends inside the member
        state.avail_in = Clamp32(in.size() - in_bytes);
      }
    }
  }

  std::string Stream(MappedFile& file, const TextSink& sink) {
    std::string_view data = file.view();
    // A little over the last member's size: a file's members are alike, but the first also
    // holds the header line, and growing copies the member so far.
    size_t last = data.size() >= 4 ? LastMemberSize(data) : 0;
    Reserve(std::max(kMinMemberBuffer, last + last / 8));
    size_t pos = 0;
    while (pos < data.size()) {
      std::string_view rest = data.substr(pos);
      if (rest.find_first_not_of('\0') == std::string_view::npos) break;  // zero padding after the last member
      if (rest.size() < kGzipMinimumMember || !IsGzip(rest))
        return fmt::format("byte {}: not a gzip member (truncated or trailing data)", pos);
      size_t in_bytes = 0, out_bytes = 0;
      if (!Member(rest, in_bytes, out_bytes)) return fmt::format("byte {}: corrupt or truncated gzip member", pos);
      sink(std::string_view(out.get(), out_bytes));
      pos += in_bytes;
      file.Release(pos);
    }
    return "";
  }
};

FlowLogTextStream::FlowLogTextStream() : inflater_(std::make_unique<Inflater>()) {}
FlowLogTextStream::FlowLogTextStream(FlowLogTextStream&&) noexcept = default;
FlowLogTextStream::~FlowLogTextStream() = default;

std::string FlowLogTextStream::Stream(const std::filesystem::path& path, const TextSink& sink,
                                      FlowLogEncoding& encoding) {
  MappedFile mapped;
  if (std::string error = mapped.Open(path); !error.empty()) return error;
  std::string_view data = mapped.view();
  if (IsGzip(data)) {
    encoding = FlowLogEncoding::kGzip;
    return inflater_->Stream(mapped, sink);
  }
  size_t first = data.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && data[first] == '{') {
    encoding = FlowLogEncoding::kCloudWatchJson;
    return StreamCloudWatchJson(data, sink);
  }
  encoding = FlowLogEncoding::kText;
  StreamPlain(mapped, sink);
  return "";
}

}  // namespace sgscope::ingest

namespace sgscope::ingest {

std::string GzipMember(std::string_view text, int level) {
  std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
      libdeflate_alloc_compressor(level), &libdeflate_free_compressor);
  std::string out(libdeflate_gzip_compress_bound(compressor.get(), text.size()), '\0');
  out.resize(libdeflate_gzip_compress(compressor.get(), text.data(), text.size(), out.data(), out.size()));
  return out;
}

}  // namespace sgscope::ingest
