// Reads each file with read(2) into one buffer per reader, grown only when a larger file
// comes: after the first files no fresh pages need zeroing. Files are read, not mapped, so
// a file truncated by another process during the load gives an error, never a SIGBUS.

#include "ingest/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

namespace sgscope::ingest {

namespace {

// Closes the descriptor on every return path.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

simdjson::error_code FileReader::Read(const std::filesystem::path& path, std::string_view& out) {
  Descriptor file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat info;
  if (file.fd < 0 || fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) return simdjson::IO_ERROR;
  size_t size = static_cast<size_t>(info.st_size);
  if (size + simdjson::SIMDJSON_PADDING > capacity_) {
    capacity_ = size + simdjson::SIMDJSON_PADDING;
    buffer_.reset(new (std::nothrow) char[capacity_]);
    if (!buffer_) return capacity_ = 0, simdjson::MEMALLOC;
  }
  size_t done = 0;
  while (done < size) {
    ssize_t n = read(file.fd, buffer_.get() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return simdjson::IO_ERROR;  // an error, or the file shrank while being read
    done += static_cast<size_t>(n);
  }
  std::memset(buffer_.get() + size, 0, simdjson::SIMDJSON_PADDING);
  out = std::string_view(buffer_.get(), size);
  return simdjson::SUCCESS;
}

}  // namespace sgscope::ingest
