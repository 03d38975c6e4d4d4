// Diagnostic collection. Sorting makes reports deterministic even when files are
// loaded in parallel or in directory order.

#include "model/diagnostic.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace sgscope {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

void Diagnostics::Add(Severity severity, std::string file, std::string path, std::string message) {
  items_.push_back({severity, std::move(file), std::move(path), std::move(message)});
}

void Diagnostics::Append(Diagnostics& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()), std::make_move_iterator(other.items_.end()));
  for (auto& [kind, count] : other.skipped_) skipped_[kind] += count;
  other.items_.clear();
  other.skipped_.clear();
}

size_t Diagnostics::skipped_total() const {
  size_t n = 0;
  for (auto& [kind, count] : skipped_) n += count;
  return n;
}

size_t Diagnostics::count(Severity s) const {
  return std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; });
}

void Diagnostics::Sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.path, a.message) < std::tie(b.file, b.path, b.message);
  });
}

}  // namespace sgscope
