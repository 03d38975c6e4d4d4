// Per-document loading state. Notes that could repeat once per resource (an unknown
// field on every interface of a 10,000-interface file) are counted and emitted once per
// document, so real AWS output never floods the report.

#include "ingest/load_context.h"

#include "ingest/json_cursor.h"

namespace sgscope::ingest {

LoadContext::LoadContext(Network& network, uint32_t file, const std::string& file_name, const std::string& account,
                         const std::string& region)
    : network_(network), file_(file), file_name_(file_name), account_(account), region_(region) {}

void LoadContext::Report(Severity severity, std::string path, std::string message) {
  network_.diagnostics.Add(severity, file_name_, std::move(path), std::move(message));
}

void LoadContext::Skip(std::string_view kind, size_t count) {
  std::string name(kind);
  for (size_t i = 0; i < count; ++i) network_.diagnostics.Skip(name);
}

void LoadContext::NoteOnce(Severity severity, std::string_view key, std::string_view message,
                           const JsonCursor& where) {
  auto it = notes_.find(key);
  if (it == notes_.end()) it = notes_.emplace(std::string(key), Note{severity, where.Path(), std::string(message)}).first;
  ++it->second.count;
}

void LoadContext::Finish() {
  for (auto& [key, note] : notes_) {
    std::string message = std::move(note.message);
    if (note.count > 1) message += " (" + std::to_string(note.count) + " times)";
    Report(note.severity, std::move(note.path), std::move(message));
  }
  notes_.clear();
}

}  // namespace sgscope::ingest
