#pragma once
// Files read beside a snapshot (simulate's events, audit's suppressions and baseline): one
// JSON or YAML document, walked with a JsonCursor whose diagnostics name the file and field.

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "ingest/json_cursor.h"
#include "model/diagnostic.h"

namespace sgscope::ingest {

// Reads the document's root value with `read`; returns what was wrong (a document that is not
// JSON, or not YAML when `is_yaml`, is one error and `read` is not called). `file` is the index
// that SourceRefs made by `read` carry.
Diagnostics ReadSideDocument(std::string_view text, bool is_yaml, const std::string& file_name, uint32_t file,
                             const std::function<void(JsonCursor& root)>& read);

// The same for the file at `path`, YAML when it is named .yaml or .yml. An unreadable file is
// one error, "cannot read the <what>: ...".
Diagnostics ReadSideFile(const std::filesystem::path& path, std::string_view what, const std::string& file_name,
                         uint32_t file, const std::function<void(JsonCursor& root)>& read);

// Makes the root reader that fills `result`, a file's type with a `diagnostics` member.
template <typename Result>
using SideReader = std::function<void(JsonCursor& root)> (*)(Result& result);

// ReadSideDocument and ReadSideFile into a new `Result`, whose diagnostics they set.
template <typename Result>
Result ReadSideDocumentInto(std::string_view text, bool is_yaml, const std::string& file_name, uint32_t file,
                            SideReader<Result> reader) {
  Result result;
  result.diagnostics = ReadSideDocument(text, is_yaml, file_name, file, reader(result));
  return result;
}

template <typename Result>
Result ReadSideFileInto(const std::filesystem::path& path, std::string_view what, const std::string& file_name,
                        uint32_t file, SideReader<Result> reader) {
  Result result;
  result.diagnostics = ReadSideFile(path, what, file_name, file, reader(result));
  return result;
}

}  // namespace sgscope::ingest
