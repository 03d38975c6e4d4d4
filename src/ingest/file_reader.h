#pragma once
// Reading a snapshot file for simdjson into a buffer reused from file to file, followed by
// the SIMDJSON_PADDING bytes the parser may look at past the end.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

#include <simdjson.h>

namespace sgscope::ingest {

// Holds one file at a time; Read() replaces the previous one. Not copyable.
class FileReader {
 public:
  FileReader() = default;
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  // The whole file, padded; valid until the next Read(). Fails with the error
  // simdjson::padded_string::load would give (IO_ERROR, MEMALLOC), so diagnostics keep
  // their wording.
  simdjson::error_code Read(const std::filesystem::path& path, std::string_view& out);

 private:
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
};

}  // namespace sgscope::ingest
