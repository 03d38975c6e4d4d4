// SARIF 2.1.0 for GitHub code scanning. Properties GitHub reads:
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
// (rules with shortDescription/fullDescription/help text, `security-severity` as a string
// score, results with one physical location and partialFingerprints). Each result points at
// the rule's own lines in the snapshot file, found again from its JSON path.

#include "report/audit_sarif.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <span>

#include "ingest/json_path_locator.h"
#include "report/audit_report.h"
#include "report/json_writer.h"

namespace sgscope {

namespace fs = std::filesystem;

namespace {

constexpr char kSchema[] = "https://json.schemastore.org/sarif-2.1.0.json";

// error/warning/note: GitHub's severity filter. critical and high must fail a build, medium
// deserves a look, low and info are notes.
const char* SarifLevel(FindingSeverity s) {
  return s >= FindingSeverity::kHigh ? "error" : s == FindingSeverity::kMedium ? "warning" : "note";
}

// GitHub maps over 9.0 to critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low (same page).
const char* SecuritySeverity(FindingSeverity s) {
  constexpr std::array<const char*, 5> kScores = {"1.0", "3.0", "5.5", "8.0", "9.5"};
  return kScores[size_t(s)];
}

// "rule-without-description" -> "RuleWithoutDescription", SARIF's readable rule name.
std::string PascalName(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '-') upper = true;
    else name += upper ? char(std::toupper(static_cast<unsigned char>(c))) : c, upper = false;
  }
  return name;
}

// RFC 3986: a path keeps its unreserved characters and '/', the rest is percent-encoded.
std::string PercentEncodePath(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += char(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

fs::path SnapshotFilePath(const SarifOptions& options, const std::string& file) {
  std::error_code ec;
  return fs::is_regular_file(options.snapshot, ec) ? options.snapshot : options.snapshot / file;
}

void WriteRule(JsonWriter& w, const Check& c) {
  std::string docs = fmt::format("docs/checks/{}.md", c.id);
  w.BeginObject().Field("id", c.id).Field("name", PascalName(c.id));
  w.Key("shortDescription").BeginObject().Field("text", c.title).EndObject();
  w.Key("fullDescription").BeginObject().Field("text", c.help).EndObject();
  w.Key("help").BeginObject().Field("text", fmt::format("{} (sgscope {})", c.help, docs));
  w.Field("markdown", fmt::format("{}\n\nsgscope documentation: `{}`", c.help, docs)).EndObject();
  w.Key("defaultConfiguration").BeginObject().Field("level", SarifLevel(c.severity)).EndObject();
  w.Key("properties").BeginObject().Key("tags").BeginArray().String("security").String("aws").EndArray();
  w.Field("security-severity", SecuritySeverity(c.severity)).Field("severity", SeverityName(c.severity));
  w.Field("documentation", docs).EndObject();
  w.EndObject();
}

// Regions of the findings' rules, looked up once per snapshot file.
using Regions = std::map<std::pair<uint32_t, std::string>, ingest::TextRegion>;

Regions LocateFindings(const Network& network, std::span<const Finding> findings, const SarifOptions& options) {
  std::map<uint32_t, std::vector<std::string>> paths;
  for (const Finding& f : findings) paths[f.source.file].push_back(f.source.path);
  Regions regions;
  for (auto& [file, list] : paths) {
    if (file >= network.files.size()) continue;
    auto found = ingest::LocateJsonPathsInFile(SnapshotFilePath(options, network.files[file]), list);
    for (size_t i = 0; i < list.size(); ++i)
      if (found[i]) regions[{file, list[i]}] = *found[i];
  }
  return regions;
}

void WriteLocation(JsonWriter& w, const Network& network, const Finding& f, const Regions& regions,
                   const SarifOptions& options) {
  std::string uri = SarifArtifactUri(options, network.FileOf(f.source));
  // GitHub needs a line; a rule whose path is not found any more points at the file's start.
  auto it = regions.find({f.source.file, f.source.path});
  ingest::TextRegion r = it != regions.end() ? it->second : ingest::TextRegion{1, 1, 1, 1};
  w.Key("locations").BeginArray().BeginObject().Key("physicalLocation").BeginObject();
  w.Key("artifactLocation").BeginObject().Field("uri", uri);
  if (!uri.starts_with("file:")) w.Field("uriBaseId", "%SRCROOT%");
  w.EndObject().Key("region").BeginObject().Field("startLine", int64_t{r.start_line});
  w.Field("startColumn", int64_t{r.start_column}).Field("endLine", int64_t{r.end_line});
  w.Field("endColumn", int64_t{r.end_column}).EndObject();
  w.EndObject().EndObject().EndArray();
}

// A result of check `rule_index` (the rules[] position), which the check ran to produce.
void WriteResult(JsonWriter& w, const Network& network, const Finding& f, size_t rule_index, const Regions& regions,
                 const AuditTriage& triage, const SarifOptions& options) {
  w.BeginObject().Field("ruleId", f.check).Field("ruleIndex", int64_t(rule_index)).Field("level", SarifLevel(f.severity));
  w.Key("message").BeginObject().Field("text", f.message).EndObject();
  WriteLocation(w, network, f, regions, options);
  // GitHub itself only reads primaryLocationLineHash (upload-sarif adds it); the key is what
  // survives line moves and is what suppressions and baselines match on.
  w.Key("partialFingerprints").BeginObject().Field("sgscopeFindingKey/v1", f.Key()).EndObject();
  if (triage.baseline) w.Field("baselineState", "new");
  w.Key("properties").BeginObject();
  WriteFindingMembersJson(w, network, f);
  w.EndObject().EndObject();
}

}  // namespace

std::string SarifArtifactUri(const SarifOptions& options, const std::string& snapshot_file) {
  fs::path file = SnapshotFilePath(options, snapshot_file).lexically_normal();
  if (options.root) {
    std::error_code ec;
    fs::path absolute = fs::absolute(file, ec), root = fs::absolute(*options.root, ec);
    fs::path relative = absolute.lexically_normal().lexically_relative(root.lexically_normal());
    if (!relative.empty() && *relative.begin() != "..") return PercentEncodePath(relative.generic_string());
    file = absolute;  // outside the root: only an absolute URI names it
  }
  if (file.is_absolute()) return "file://" + PercentEncodePath(file.generic_string());
  return PercentEncodePath(file.generic_string());
}

void WriteAuditSarif(const Network& network, const AuditResult& result, const AuditTriage& triage,
                     const SarifOptions& options, std::ostream& out) {
  std::map<std::string, size_t, std::less<>> rule_index;
  for (size_t i = 0; i < result.checks.size(); ++i) rule_index[result.checks[i]->id] = i;
  // Findings are sorted most severe first, so a cut keeps what matters most.
  std::span<const Finding> findings(result.findings.data(), std::min(result.findings.size(), options.max_results));
  Regions regions = LocateFindings(network, findings, options);
  JsonWriter w(out);
  w.BeginObject().Field("$schema", kSchema).Field("version", "2.1.0").Key("runs").BeginArray().BeginObject();
  w.Key("tool").BeginObject().Key("driver").BeginObject().Field("name", "sgscope").Key("rules").BeginArray();
  for (const Check* c : result.checks) WriteRule(w, *c);
  w.EndArray().EndObject().EndObject();
  w.Field("columnKind", "utf16CodeUnits").Key("results").BeginArray();
  for (const Finding& f : findings)
    if (auto it = rule_index.find(f.check); it != rule_index.end())
      WriteResult(w, network, f, it->second, regions, triage, options);
  w.EndArray();
  if (size_t omitted = result.findings.size() - findings.size())
    w.Key("properties").BeginObject().Field("omittedResults", int64_t(omitted))
        .Field("omittedReason", fmt::format("GitHub accepts at most {} results per run; the least severe findings "
                                            "were left out (--format json lists every one)", options.max_results))
        .EndObject();
  w.EndObject().EndArray().EndObject();
  out << "\n";
}

}  // namespace sgscope
