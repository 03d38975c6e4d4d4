// The SARIF output checked against the structure the SARIF 2.1.0 schema requires, for every
// object sgscope writes: required properties, the properties each object allows (the schema
// sets "additionalProperties": false on all of them), enums and minimums. Taken from the
// official schema, https://github.com/oasis-tcs/sarif-spec/blob/main/Schemata/sarif-schema-2.1.0.json
// (definitions sarifLog, run, tool, toolComponent, reportingDescriptor, reportingConfiguration,
// multiformatMessageString, result, message, location, physicalLocation, artifactLocation,
// region, propertyBag), plus what GitHub code scanning marks required:
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning

#include "report/audit_sarif.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>
#include <sstream>

#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;
using Names = std::set<std::string>;

// One schema definition, as far as sgscope uses it.
struct Shape {
  Names required;     // every one of these
  Names any_of;       // at least one of these (the schema's anyOf of required)
  Names allowed;      // nothing else
};

const Shape kLog{{"version", "runs"}, {}, {"$schema", "version", "runs", "inlineExternalProperties", "properties"}};
const Shape kRun{{"tool"}, {}, {"tool", "invocations", "conversion", "language", "versionControlProvenance",
                                 "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
                                 "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
                                 "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
                                 "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
                                 "translations", "policies", "webRequests", "webResponses", "specialLocations",
                                 "properties"}};
const Shape kTool{{"driver"}, {}, {"driver", "extensions", "properties"}};
const Shape kToolComponent{{"name"}, {}, {"guid", "name", "organization", "product", "productSuite", "shortDescription",
                                          "fullDescription", "fullName", "version", "semanticVersion",
                                          "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
                                          "globalMessageStrings", "notifications", "rules", "taxa", "locations",
                                          "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
                                          "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
                                          "translationMetadata", "supportedTaxonomies", "properties"}};
const Shape kDescriptor{{"id"}, {}, {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
                                     "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration",
                                     "helpUri", "help", "relationships", "properties"}};
const Shape kConfiguration{{}, {}, {"enabled", "level", "rank", "parameters", "properties"}};
const Shape kMultiformat{{"text"}, {}, {"text", "markdown", "properties"}};
const Shape kResult{{"message"}, {}, {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
                                      "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
                                      "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
                                      "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
                                      "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
                                      "webResponse", "properties"}};
const Shape kMessage{{}, {"text", "id"}, {"text", "markdown", "id", "arguments", "properties"}};
const Shape kLocation{{}, {}, {"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships",
                               "properties"}};
const Shape kPhysical{{}, {"address", "artifactLocation"}, {"address", "artifactLocation", "region", "contextRegion",
                                                           "properties"}};
const Shape kArtifact{{}, {}, {"uri", "uriBaseId", "index", "description", "properties"}};
const Shape kRegion{{}, {"startLine", "charOffset", "byteOffset"},
                    {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
                     "byteLength", "snippet", "message", "sourceLanguage", "properties"}};
const Names kLevels = {"none", "note", "warning", "error"};                 // reportingConfiguration/result level
const Names kBaselineStates = {"new", "unchanged", "updated", "absent"};  // result.baselineState

// Checks `value` against `shape` and returns it as an object ("where" names it in failures).
object Expect(element value, const Shape& shape, const std::string& where, Names github_required = {}) {
  object o;
  EXPECT_EQ(value.get_object().get(o), simdjson::SUCCESS) << where << " is not an object";
  Names present;
  for (auto field : o) present.insert(std::string(field.key));
  for (const auto& name : present) EXPECT_TRUE(shape.allowed.count(name)) << where << " may not hold " << name;
  for (const auto& name : shape.required) EXPECT_TRUE(present.count(name)) << where << " needs " << name;
  for (const auto& name : github_required) EXPECT_TRUE(present.count(name)) << where << " needs " << name << " (GitHub)";
  if (!shape.any_of.empty()) {
    bool any = false;
    for (const auto& name : shape.any_of) any = any || present.count(name);
    EXPECT_TRUE(any) << where << " needs one of its anyOf properties";
  }
  if (present.count("properties")) {  // propertyBag: tags, when there, are distinct strings
    element tags;
    if (!o["properties"]["tags"].get(tags)) {
      Names seen;
      for (element tag : tags.get_array()) EXPECT_TRUE(seen.insert(std::string(tag.get_string().value())).second);
    }
  }
  return o;
}

std::string Text(object o, const char* key) {
  std::string_view s;
  EXPECT_EQ(o[key].get_string().get(s), simdjson::SUCCESS) << key << " is not a string";
  return std::string(s);
}

void ExpectMultiformat(object o, const char* key, const std::string& where) {
  object m = Expect(o[key].value(), kMultiformat, where + "." + key);
  EXPECT_FALSE(Text(m, "text").empty()) << where << "." << key;  // GitHub: no empty strings
}

void ExpectRule(element rule, const std::string& where) {
  object r = Expect(rule, kDescriptor, where, {"shortDescription", "fullDescription", "help"});
  ExpectMultiformat(r, "shortDescription", where);
  ExpectMultiformat(r, "fullDescription", where);
  ExpectMultiformat(r, "help", where);
  object config = Expect(r["defaultConfiguration"].value(), kConfiguration, where + ".defaultConfiguration");
  EXPECT_TRUE(kLevels.count(Text(config, "level")));
  // GitHub: a score above 0.0 up to 10.0, as a string, on rules tagged "security".
  double score = std::stod(Text(r["properties"].get_object().value(), "security-severity"));
  EXPECT_GT(score, 0.0);
  EXPECT_LE(score, 10.0);
}

void ExpectResult(element result, size_t rules, const std::string& where) {
  object r = Expect(result, kResult, where, {"locations", "partialFingerprints"});
  EXPECT_TRUE(kLevels.count(Text(r, "level")));
  int64_t index = r["ruleIndex"].get_int64().value();
  EXPECT_GE(index, 0);
  EXPECT_LT(index, int64_t(rules));
  element state;
  if (!r["baselineState"].get(state)) {
    EXPECT_TRUE(kBaselineStates.count(std::string(state.get_string().value())));
  }
  Expect(r["message"].value(), kMessage, where + ".message");
  object fingerprints = r["partialFingerprints"].get_object().value();
  for (auto [key, value] : fingerprints) EXPECT_TRUE(value.is_string()) << key;
  simdjson::dom::array locations = r["locations"].get_array().value();
  EXPECT_GE(locations.size(), 1u);
  for (element location : locations) {
    object l = Expect(location, kLocation, where + ".locations[]", {"physicalLocation"});
    object p = Expect(l["physicalLocation"].value(), kPhysical, where + ".physicalLocation", {"artifactLocation", "region"});
    EXPECT_FALSE(Text(Expect(p["artifactLocation"].value(), kArtifact, where + ".artifactLocation", {"uri"}), "uri").empty());
    object region = Expect(p["region"].value(), kRegion, where + ".region", {"startLine", "startColumn"});
    for (const char* key : {"startLine", "startColumn", "endLine", "endColumn"})
      EXPECT_GE(region[key].get_int64().value(), 1) << where << "." << key;  // "minimum": 1
  }
}

// Validates a whole SARIF document; returns the number of results.
size_t ExpectValidSarif(const std::string& text) {
  simdjson::dom::parser parser;
  element doc = parser.parse(text).value();
  object log = Expect(doc, kLog, "sarifLog", {"$schema"});
  EXPECT_EQ(Text(log, "version"), "2.1.0");  // "enum": ["2.1.0"]
  simdjson::dom::array runs = log["runs"].get_array().value();
  EXPECT_EQ(runs.size(), 1u);
  size_t results = 0;
  for (element run : runs) {
    object r = Expect(run, kRun, "run", {"results"});
    std::string column_kind = Text(r, "columnKind");
    EXPECT_TRUE(column_kind == "utf16CodeUnits" || column_kind == "unicodeCodePoints");
    object tool = Expect(r["tool"].value(), kTool, "tool");
    object driver = Expect(tool["driver"].value(), kToolComponent, "driver", {"rules"});
    simdjson::dom::array rules = driver["rules"].get_array().value();
    for (element rule : rules) ExpectRule(rule, "rule");
    simdjson::dom::array list = r["results"].get_array().value();
    for (element result : list) ExpectResult(result, rules.size(), "result"), ++results;
  }
  return results;
}

class AuditSarif : public ::testing::Test {
 protected:
  std::string Write(const AuditTriage& triage) {
    std::ostringstream out;
    WriteAuditSarif(network, result, triage, options, out);
    return out.str();
  }
  std::filesystem::path folder = SGSCOPE_SOURCE_DIR "/tests/data/audit/rule-without-description/fires";
  Network network = LoadSnapshot(folder);
  AuditResult result = RunAudit(network, {{}, {"rule-without-description"}});
  SarifOptions options{folder, std::filesystem::path(SGSCOPE_SOURCE_DIR)};
};

TEST_F(AuditSarif, OutputHasTheStructureTheSchemaRequires) {
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(ExpectValidSarif(Write({})), 2u);
  AuditTriage with_baseline;
  with_baseline.baseline = BaselineComparison{};
  EXPECT_EQ(ExpectValidSarif(Write(with_baseline)), 2u);
}

TEST_F(AuditSarif, ANoFindingRunIsValidToo) {
  result.findings.clear();
  EXPECT_EQ(ExpectValidSarif(Write({})), 0u);
}

TEST_F(AuditSarif, ResultsBeyondGitHubsLimitAreCountedNotWritten) {
  options.max_results = 1;
  simdjson::dom::parser parser;
  std::string text = Write({});
  EXPECT_EQ(ExpectValidSarif(text), 1u);
  element run = parser.parse(text).value()["runs"].at(0);
  EXPECT_EQ(run["properties"]["omittedResults"].get_int64().value(), 1);
  EXPECT_EQ(std::string(run["results"].at(0)["properties"]["key"].get_string().value()),
            "rule-without-description sg-0web ingress/1");  // the first of the sorted findings
}

TEST_F(AuditSarif, ResultsPointAtTheRulesLineInTheRepository) {
  simdjson::dom::parser parser;
  std::string text = Write({});
  element first = parser.parse(text).value()["runs"].at(0)["results"].at(0);
  EXPECT_EQ(std::string(first["ruleId"].get_string().value()), "rule-without-description");
  element location = first["locations"].at(0)["physicalLocation"];
  EXPECT_EQ(std::string(location["artifactLocation"]["uri"].get_string().value()),
            "tests/data/audit/rule-without-description/fires/SecurityGroups.json");
  // Line 11 holds {"CidrIp": "192.0.2.0/24"} from column 84 to 109.
  EXPECT_EQ(location["region"]["startLine"].get_int64().value(), 11);
  EXPECT_EQ(location["region"]["startColumn"].get_int64().value(), 84);
  EXPECT_EQ(location["region"]["endColumn"].get_int64().value(), 110);
}

TEST(SarifArtifactUri, RelativeToTheRootOrAsGivenAbsoluteAsFileUri) {
  EXPECT_EQ(SarifArtifactUri({"snap", std::nullopt}, "us-east-1/SecurityGroups.json"), "snap/us-east-1/SecurityGroups.json");
  EXPECT_EQ(SarifArtifactUri({"./a/../snap", std::nullopt}, "x y#.json"), "snap/x%20y%23.json");
  EXPECT_EQ(SarifArtifactUri({"/repo/infra/snap", std::nullopt}, "g.json"), "file:///repo/infra/snap/g.json");
  EXPECT_EQ(SarifArtifactUri({"/repo/infra/snap", std::filesystem::path("/repo")}, "g.json"), "infra/snap/g.json");
  EXPECT_EQ(SarifArtifactUri({"/repo/infra/snap", std::filesystem::path("/repo/")}, "g.json"), "infra/snap/g.json");
  EXPECT_EQ(SarifArtifactUri({"/elsewhere/snap", std::filesystem::path("/repo")}, "g.json"), "file:///elsewhere/snap/g.json");
}

}  // namespace
}  // namespace sgscope
