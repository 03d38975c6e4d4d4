#include "ingest/audit_baseline.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

TEST(AuditBaseline, ReadsTheKeysOfAnAuditJsonOutput) {
  AuditBaseline b = LoadAuditBaselineFromText(R"({"checks": ["a"], "findings": [
      {"check": "a", "key": "a sg-1 ingress/0", "message": "m"}, {"check": "a", "key": "a sg-2"}, {"check": "a"}],
      "summary": "2 info"})", "old.json");
  ASSERT_TRUE(b.readable);
  EXPECT_EQ(b.keys, (std::set<std::string>{"a sg-1 ingress/0", "a sg-2"}));
  ASSERT_EQ(b.diagnostics.items().size(), 1u);  // the finding without a key
  EXPECT_EQ(b.diagnostics.items()[0].path, "findings[2].key");
}

TEST(AuditBaseline, OtherDocumentsAreUnreadable) {
  for (const char* text : {"[]", "{\"findings\": 1}", "{\"SecurityGroups\": []}", "not json"})
    EXPECT_FALSE(LoadAuditBaselineFromText(text, "old.json").readable) << text;
  EXPECT_FALSE(LoadAuditBaseline("/nonexistent/old.json", "old.json").readable);
}

}  // namespace
}  // namespace sgscope
