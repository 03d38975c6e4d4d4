#pragma once
// Problems found in the input: each names the file and the JSON path.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sgscope {

enum class Severity : uint8_t { kError, kWarning, kInfo };

const char* SeverityName(Severity s);  // "error", "warning", "info"

// One input problem. `file` is the path as the user gave it (relative to the snapshot).
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  std::string path;  // JSON path, "" for the whole file
  std::string message;
};

// Collects diagnostics and counts of skipped items while a snapshot loads.
class Diagnostics {
 public:
  void Add(Severity severity, std::string file, std::string path, std::string message);
  // An item (rule, interface, route...) that was not loaded because of an error.
  void Skip(const std::string& kind) { ++skipped_[kind]; }
  // Moves `other`'s diagnostics after these and adds its skip counts, leaving it empty.
  void Append(Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& mutable_items() { return items_; }
  size_t skipped_total() const;
  // Kind -> count of skipped items, sorted by kind.
  const std::map<std::string, size_t>& skipped() const { return skipped_; }
  size_t count(Severity s) const;
  // Sorts by file, path, message so output never depends on load order.
  void Sort();

 private:
  std::vector<Diagnostic> items_;
  std::map<std::string, size_t> skipped_;
};

}  // namespace sgscope
