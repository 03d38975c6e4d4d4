#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

// The documented MountTargetDescription shape (efs describe-mount-targets).
TEST(EfsMountTargetsTest, MountTarget) {
  Network n = testing::Load(R"({
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"}],
    "NetworkInterfaces":[{"NetworkInterfaceId":"eni-1","SubnetId":"subnet-1","VpcId":"vpc-1",
      "PrivateIpAddresses":[{"PrivateIpAddress":"10.0.1.25","Primary":true}]}],
    "MountTargets":[{"OwnerId":"111122223333","MountTargetId":"fsmt-abcd1234","FileSystemId":"fs-12345678",
      "SubnetId":"subnet-1","LifeCycleState":"available","IpAddress":"10.0.1.25","NetworkInterfaceId":"eni-1",
      "AvailabilityZoneId":"use1-az1","AvailabilityZoneName":"us-east-1a","VpcId":"vpc-1"}]})");
  EXPECT_TRUE(n.diagnostics.items().empty()) << Diagnostics(n);
  const EfsMountTarget* m = n.FindEfsMountTarget("fsmt-abcd1234");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->file_system_id, "fs-12345678");
  EXPECT_EQ(m->subnet_id, "subnet-1");
  EXPECT_EQ(m->vpc_id, "vpc-1");
  EXPECT_EQ(m->ipv4, IpAddress::Parse("10.0.1.25"));
  EXPECT_FALSE(m->ipv6);
  EXPECT_EQ(m->network_interface_id, "eni-1");
  EXPECT_EQ(m->availability_zone_id, "use1-az1");
  EXPECT_EQ(m->state, "available");
}

TEST(EfsMountTargetsTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({"MountTargets":[{"FileSystemId":"fs-1"},
    {"MountTargetId":"fsmt-2","IpAddress":"::1","NetworkInterfaceId":"eni-9"}]})");
  ASSERT_EQ(n.efs_mount_targets.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "EFS mount target"), 1u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "MountTargets[0].MountTargetId", "")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "MountTargets[1].SubnetId", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "MountTargets[1].IpAddress", "not an IPv4 address"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "MountTargets[1]", "network interface eni-9")) << Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
