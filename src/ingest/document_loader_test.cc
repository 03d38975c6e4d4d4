#include "ingest/document_loader.h"

#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;
using testing::Load;
using testing::Skipped;

TEST(DocumentLoaderTest, NotJsonIsOneErrorNamingTheFileAndLoadingGoesOn) {
  Network n;
  LoadDocument(n, "broken.json", R"({"Vpcs":[{"VpcId":"vpc-1"})");
  LoadDocument(n, "good.json", R"({"Vpcs":[{"VpcId":"vpc-2"}]})");
  n.Finalize();
  ASSERT_EQ(n.diagnostics.count(Severity::kError), 1u);
  const Diagnostic& d = n.diagnostics.items()[0];
  EXPECT_EQ(d.file, "broken.json");
  EXPECT_EQ(d.path, "");
  EXPECT_NE(d.message.find("not valid JSON: "), std::string::npos);
  EXPECT_GT(d.message.size(), std::string("not valid JSON: ").size());
  ASSERT_EQ(n.vpcs.size(), 1u);
  EXPECT_EQ(n.vpcs[0].id, "vpc-2");
  EXPECT_EQ(n.files, (std::vector<std::string>{"broken.json", "good.json"}));
  EXPECT_EQ(n.vpcs[0].source.file, 1u);
}

TEST(DocumentLoaderTest, TopLevelMustBeAnObject) {
  Network n = Load(R"([{"VpcId":"vpc-1"}])");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "", "expected a JSON object"));
  EXPECT_TRUE(Load("").diagnostics.count(Severity::kError) == 1);
}

TEST(DocumentLoaderTest, RecognisesFilesByTopLevelKeysOnly) {
  Network n = Load(R"({"Vpcs":[{"VpcId":"vpc-1"}],"Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1"}],
                       "NextToken":"abc","ResponseMetadata":{"RequestId":"r"}})");
  EXPECT_EQ(n.vpcs.size(), 1u);
  EXPECT_EQ(n.subnets.size(), 1u);
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

TEST(DocumentLoaderTest, KnownButUnmodelledKindsAreOneInfoWithTheirCount) {
  Network n = Load(R"({"AvailabilityZones":[{},{},{}],"InstanceStatuses":[],"Tags":[{}]})");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "AvailabilityZones",
                            "resource kind AvailabilityZones is not modelled yet; 3 items skipped"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "Tags", "1 item skipped"));
  EXPECT_EQ(n.diagnostics.items().size(), 2u);  // nothing for the empty InstanceStatuses
  EXPECT_EQ(Skipped(n, "AvailabilityZones"), 3u);
}

TEST(DocumentLoaderTest, UnknownTopLevelKeysAreWarnings) {
  Network n = Load(R"({"DESCRIBE_SGS":[{"GroupId":"sg-1"},{}]})");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "DESCRIBE_SGS", "unknown top-level key \"DESCRIBE_SGS\""));
  EXPECT_EQ(Skipped(n, "DESCRIBE_SGS"), 2u);
  EXPECT_TRUE(n.security_groups.empty());
}

TEST(DocumentLoaderTest, ResourceListThatIsNotAnArrayIsAnError) {
  Network n = Load(R"({"Vpcs":{"VpcId":"vpc-1"}})");
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "Vpcs", "expected an array, found an object"));
}

}  // namespace
}  // namespace sgscope::ingest
