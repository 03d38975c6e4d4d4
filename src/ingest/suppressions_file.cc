// The suppressions file: `suppressions:` (or the document itself) is a list of entries
// {check, resource, rule?, reason, expires?}. A reason is required so that every accepted
// risk says why; a malformed entry is reported with its path and left out, so it suppresses
// nothing rather than something unintended.

#include "ingest/suppressions_file.h"

#include "ingest/side_document.h"

namespace sgscope {

namespace {

using ingest::JsonCursor;
using ingest::Need;

// "ingress/3" (a group rule's index) or "egress/#100" (an ACL entry's number), as Finding::Key
// spells a rule's place.
bool IsRulePosition(std::string_view rule) {
  size_t slash = rule.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view direction = rule.substr(0, slash), number = rule.substr(slash + 1);
  if (direction != "ingress" && direction != "egress") return false;
  if (!number.empty() && number[0] == '#') number.remove_prefix(1);
  return !number.empty() && number.size() <= 10 && number.find_first_not_of("0123456789") == std::string_view::npos;
}

void ReadEntry(JsonCursor& c, const std::string& file_name, std::vector<Suppression>& out) {
  if (!c.ExpectObject()) return;
  Suppression s;
  bool ok = c.ReadString("check", s.check, Need::kRequired);
  ok = c.ReadString("resource", s.resource, Need::kRequired) && ok;
  ok = c.ReadString("reason", s.reason, Need::kRequired) && ok;
  if (ok && s.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    c.ErrorAt("reason", "the reason is empty; say why the finding is accepted");
    ok = false;
  }
  if (c.ReadString("rule", s.rule) && !IsRulePosition(s.rule)) {
    c.ErrorAt("rule", "\"" + s.rule + "\" is not a rule position like ingress/3 or egress/#100");
    ok = false;
  }
  std::string expires;
  if (c.ReadString("expires", expires)) {
    s.expires = ParseCalendarDate(expires);
    if (!s.expires) {
      c.ErrorAt("expires", "\"" + expires + "\" is not a date YYYY-MM-DD");
      ok = false;
    }
  }
  c.CheckFields("suppression", {});
  if (!ok) return c.Report(Severity::kWarning, "entry left out: it suppresses nothing");
  s.file = file_name;
  s.path = c.Path();
  out.push_back(std::move(s));
}

// The reader of the document's root: a list, or an object whose `suppressions` is one.
std::function<void(JsonCursor&)> Reader(SuppressionsFile& result) {
  return [&result](JsonCursor& root) {
    auto each = [&](JsonCursor& entry) { ReadEntry(entry, entry.context().file_name(), result.entries); };
    simdjson::dom::element inner;
    bool wrapped = root.is_object() && !root.value()["suppressions"].get(inner) && inner.is_array();
    if (!root.value().is_array() && !wrapped)
      return root.Error("expected a list of suppressions, or an object with one under \"suppressions\"");
    if (wrapped) {
      root.ForEach("suppressions", each);
      root.CheckFields("suppressions file", {});
    } else {
      root.ForEachElement(each);
    }
    result.readable = true;
  };
}

}  // namespace

SuppressionsFile LoadSuppressionsFromText(std::string_view text, const std::string& file_name, bool is_yaml) {
  return ingest::ReadSideDocumentInto<SuppressionsFile>(text, is_yaml, file_name, 0, Reader);
}

SuppressionsFile LoadSuppressions(const std::filesystem::path& path, const std::string& file_name) {
  return ingest::ReadSideFileInto<SuppressionsFile>(path, "suppressions file", file_name, 0, Reader);
}

}  // namespace sgscope
