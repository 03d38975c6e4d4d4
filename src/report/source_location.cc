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

std::string SecurityGroupRuleText(const Network& n, const SecurityGroup& group, const SecurityGroupRule& rule) {
  std::string text = group.id + " " + DirectionName(rule.direction) + " " + std::to_string(rule.index) + ": " +
                     rule.ProtocolPortsText() + " " + PeerToString(rule.peer);
  if (!rule.description.empty()) text += " \"" + rule.description + "\"";
  return TerminalSafe(text) + "  [" + SourceLocationText(n, rule.source) + "]";
}

}  // namespace sgscope
