#include "checks/audit_triage.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

class Triage : public ::testing::Test {
 protected:
  Triage() {
    rule0.index = 0;
    rule1.index = 1;
    entry.rule_number = 100, entry.direction = Direction::kEgress;
    result.findings = {Make("a", "sg-1", &rule0), Make("a", "sg-1", &rule1), Make("b", "sg-2", nullptr),
                       Make("c", "acl-1", nullptr, &entry)};
  }
  static Finding Make(const char* check, const char* resource, const SecurityGroupRule* rule,
                      const NetworkAclEntry* acl_entry = nullptr) {
    Finding f;
    f.check = check, f.resource = resource, f.rule = rule, f.acl_entry = acl_entry;
    return f;
  }
  static Suppression Entry(const char* check, const char* resource, const char* rule = "",
                           const char* expires = nullptr) {
    Suppression s;
    s.check = check, s.resource = resource, s.rule = rule, s.reason = "why";
    if (expires) s.expires = ParseCalendarDate(expires);
    return s;
  }
  std::vector<std::string> Keys() const {
    std::vector<std::string> keys;
    for (const Finding& f : result.findings) keys.push_back(f.Key());
    return keys;
  }
  SecurityGroupRule rule0, rule1;
  NetworkAclEntry entry;
  AuditResult result;
  CalendarDate today = *ParseCalendarDate("2026-06-15");
};

TEST_F(Triage, NothingAskedChangesNothing) {
  AuditTriage t = TriageFindings(result, {std::nullopt, std::nullopt, today});
  EXPECT_EQ(result.findings.size(), 4u);
  EXPECT_FALSE(t.suppressions_given);
  EXPECT_FALSE(t.baseline);
}

TEST_F(Triage, EntriesMatchByCheckResourceAndOptionalRulePosition) {
  TriageRequest request{std::vector<Suppression>{Entry("a", "sg-1", "ingress/1"), Entry("c", "acl-1", "egress/#100"),
                                                 Entry("b", "sg-2", "ingress/0"), Entry("a", "sg-9")},
                        std::nullopt, today};
  AuditTriage t = TriageFindings(result, request);
  EXPECT_EQ(Keys(), (std::vector<std::string>{"a sg-1 ingress/0", "b sg-2"}));
  ASSERT_EQ(t.suppressed.size(), 2u);
  EXPECT_EQ(t.suppressed[0].finding.Key(), "a sg-1 ingress/1");
  EXPECT_EQ(t.suppressed[1].by.rule, "egress/#100");
  ASSERT_EQ(t.unused.size(), 2u);  // a rule position on a finding without one; a resource with no finding
  EXPECT_EQ(t.unused[0].resource, "sg-2");
  EXPECT_EQ(t.unused[1].resource, "sg-9");
}

TEST_F(Triage, AnEntryHoldsThroughItsExpiryDayAndNotAfter) {
  TriageRequest request{std::vector<Suppression>{Entry("a", "sg-1", "", "2026-06-14"), Entry("b", "sg-2", "", "2026-06-15")},
                        std::nullopt, today};
  AuditTriage t = TriageFindings(result, request);
  EXPECT_EQ(Keys(), (std::vector<std::string>{"a sg-1 ingress/0", "a sg-1 ingress/1", "c acl-1 egress/#100"}));
  ASSERT_EQ(t.expired.size(), 1u);
  EXPECT_EQ(t.expired[0].check, "a");
  EXPECT_TRUE(t.unused.empty());  // an expired entry is reported as expired, not as unused
}

TEST_F(Triage, BaselineHidesKnownFindingsAndCountsFixedOnes) {
  TriageRequest request{std::vector<Suppression>{Entry("b", "sg-2")},
                        std::set<std::string>{"a sg-1 ingress/0", "b sg-2", "gone sg-7"}, today};
  AuditTriage t = TriageFindings(result, request);
  EXPECT_EQ(Keys(), (std::vector<std::string>{"a sg-1 ingress/1", "c acl-1 egress/#100"}));
  ASSERT_TRUE(t.baseline);
  EXPECT_EQ(t.baseline->baseline_findings, 3u);
  EXPECT_EQ(t.baseline->unchanged, 1u);
  EXPECT_EQ(t.baseline->fresh, 2u);
  // "b sg-2" is suppressed, not fixed: it is still there.
  EXPECT_EQ(t.baseline->fixed, (std::vector<std::string>{"gone sg-7"}));
}

}  // namespace
}  // namespace sgscope
