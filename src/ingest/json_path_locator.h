#pragma once
// Where a JSON path (`SecurityGroups[1].IpPermissions[0].IpRanges[0]`, as SourceRef holds it)
// is in the text of the user's file: line and column, for reports that point at the line
// (SARIF regions).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sgscope::ingest {

// The span of one JSON value, 1-based. Columns count UTF-16 code units, SARIF's default
// `columnKind`; `end_column` is the column after the value's last character.
struct TextRegion {
  uint32_t start_line = 1, start_column = 1, end_line = 1, end_column = 1;
  bool operator==(const TextRegion&) const = default;
};

// For each of `paths`, the region of its value in `json`, in one pass over the text; nullopt
// for a path that is malformed or not in the document, or when the text stops being JSON
// before the value ends. Never throws, whatever the text. When a key repeats, the first wins,
// as in the loader.
std::vector<std::optional<TextRegion>> LocateJsonPaths(std::string_view json, const std::vector<std::string>& paths);

// The same for the file at `file`; every region is nullopt when it cannot be read.
std::vector<std::optional<TextRegion>> LocateJsonPathsInFile(const std::filesystem::path& file,
                                                             const std::vector<std::string>& paths);

}  // namespace sgscope::ingest
