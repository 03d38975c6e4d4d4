// The one rendering of a SourceRef, shared by every report, so a finding always points at the
// user's own file and JSON path in the same words.

#include "report/source_location.h"

#include "report/text.h"

namespace sgscope {

std::string SourceLocationText(const Network& network, const SourceRef& ref) {
  return TerminalSafe(network.FileOf(ref) + (ref.path.empty() ? "" : " " + ref.path));
}

void WriteSourceLocation(JsonWriter& w, const Network& network, const SourceRef& ref) {
  w.Key("source").BeginObject().Field("file", network.FileOf(ref)).Field("path", ref.path).EndObject();
}

}  // namespace sgscope
