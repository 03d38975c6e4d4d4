#include "ingest/suppressions_file.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

bool Has(const Diagnostics& d, const std::string& path, const std::string& text) {
  for (const Diagnostic& x : d.items())
    if (x.path == path && x.message.find(text) != std::string::npos && x.file == "s.yaml") return true;
  return false;
}

TEST(SuppressionsFile, ReadsYamlEntriesWithOptionalRuleAndExpiry) {
  SuppressionsFile f = LoadSuppressionsFromText(R"(
suppressions:
  - check: rule-without-description
    resource: sg-0web
    rule: ingress/1
    reason: "partner range, ticket NET-12"
    expires: 2026-12-31
  - {check: nacl-allow-all, resource: acl-1, rule: "egress/#100", reason: legacy}
)", "s.yaml", true);
  ASSERT_TRUE(f.readable);
  EXPECT_TRUE(f.diagnostics.items().empty());
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[0].rule, "ingress/1");
  EXPECT_EQ(f.entries[0].reason, "partner range, ticket NET-12");
  ASSERT_TRUE(f.entries[0].expires);
  EXPECT_EQ(CalendarDateText(*f.entries[0].expires), "2026-12-31");
  EXPECT_EQ(f.entries[0].path, "suppressions[0]");
  EXPECT_EQ(f.entries[0].file, "s.yaml");
  EXPECT_EQ(f.entries[1].rule, "egress/#100");
  EXPECT_FALSE(f.entries[1].expires);
}

TEST(SuppressionsFile, AcceptsABareJsonList) {
  SuppressionsFile f =
      LoadSuppressionsFromText(R"([{"check": "a", "resource": "sg-1", "reason": "r"}])", "s.json", false);
  ASSERT_TRUE(f.readable);
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].path, "[0]");
  EXPECT_EQ(f.entries[0].rule, "");
}

TEST(SuppressionsFile, MalformedEntriesAreReportedAndLeftOutTheRestLoads) {
  SuppressionsFile f = LoadSuppressionsFromText(R"(
suppressions:
  - {check: a, resource: sg-1}
  - {check: a, resource: sg-1, reason: "  "}
  - {check: a, resource: sg-1, reason: r, expires: 2026-02-30}
  - {check: a, resource: sg-1, reason: r, rule: inbound/3}
  - {check: a, resource: sg-1, reason: r, rule: ingress/x}
  - "not an entry"
  - {check: a, resource: sg-2, reason: ok, owner: me}
)", "s.yaml", true);
  ASSERT_TRUE(f.readable);
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].resource, "sg-2");
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[0].reason", "required"));
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[1].reason", "empty"));
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[2].expires", "not a date"));
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[3].rule", "not a rule position"));
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[4].rule", "not a rule position"));
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[5]", "expected"));
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[0]", "entry left out"));
  EXPECT_TRUE(Has(f.diagnostics, "suppressions[6].owner", ""));  // an unknown field: noted, the entry loads
}

TEST(SuppressionsFile, AFileThatIsNoListIsUnreadable) {
  for (const char* text : {"suppressions: 3", "just text", "{a: [1"}) {
    SuppressionsFile f = LoadSuppressionsFromText(text, "s.yaml", true);
    EXPECT_FALSE(f.readable) << text;
    EXPECT_EQ(f.diagnostics.count(Severity::kError), 1u) << text;
  }
  SuppressionsFile missing = LoadSuppressions("/nonexistent/s.yaml", "s.yaml");
  EXPECT_FALSE(missing.readable);
  EXPECT_TRUE(Has(missing.diagnostics, "", "cannot read the suppressions file"));
}

}  // namespace
}  // namespace sgscope
