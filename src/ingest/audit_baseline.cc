// The baseline is sgscope's own JSON output, so it is read by contract: `findings[]`, each
// with its `key`. Every other field (messages, evidence) may differ between versions and is
// ignored; a finding without a key is reported and left out.

#include "ingest/audit_baseline.h"

#include "ingest/side_document.h"

namespace sgscope {

namespace {

std::function<void(ingest::JsonCursor&)> Reader(AuditBaseline& result) {
  return [&result](ingest::JsonCursor& root) {
    simdjson::dom::element findings;
    if (!root.is_object() || root.value()["findings"].get(findings) || !findings.is_array())
      return root.Error("expected the JSON output of sgscope audit, with \"findings\": [...]");
    root.ForEach("findings", [&](ingest::JsonCursor& finding) {
      std::string key;
      if (finding.ExpectObject() && finding.ReadString("key", key, ingest::Need::kRequired)) result.keys.insert(key);
    });
    result.readable = true;
  };
}

}  // namespace

AuditBaseline LoadAuditBaselineFromText(std::string_view json, const std::string& file_name) {
  return ingest::ReadSideDocumentInto<AuditBaseline>(json, false, file_name, 0, Reader);
}

AuditBaseline LoadAuditBaseline(const std::filesystem::path& path, const std::string& file_name) {
  return ingest::ReadSideFileInto<AuditBaseline>(path, "baseline", file_name, 0, Reader);
}

}  // namespace sgscope
