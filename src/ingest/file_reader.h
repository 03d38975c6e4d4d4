#pragma once
// Reading a snapshot file for simdjson without copying it: the file is mapped, followed
// by the SIMDJSON_PADDING readable bytes the parser may look at past the end.

#include <cstddef>
#include <filesystem>
#include <string_view>

#include <simdjson.h>

namespace sgscope::ingest {

// Holds one file at a time; Read() releases the previous one. Not copyable.
class FileReader {
 public:
  FileReader() = default;
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  ~FileReader() { Release(); }

  // The whole file, padded; valid until the next Read(). Fails with the error
  // simdjson::padded_string::load would give (IO_ERROR, MEMALLOC), so diagnostics keep
  // their wording.
  simdjson::error_code Read(const std::filesystem::path& path, std::string_view& out);

 private:
  void Release();

  void* mapping_ = nullptr;
  size_t mapped_ = 0;
};

}  // namespace sgscope::ingest
