#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::Diagnostics;
using testing::HasDiagnostic;

TEST(RdsInstancesTest, InstanceInAVpcAndAnEc2ClassicOne) {
  Network n = testing::Load(R"({
    "Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}],
    "Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"},
               {"SubnetId":"subnet-2","VpcId":"vpc-1","CidrBlock":"10.0.2.0/24"}],
    "SecurityGroups":[{"GroupId":"sg-1","VpcId":"vpc-1"}],
    "DBInstances":[
      {"DBInstanceIdentifier":"old-db","Engine":"mysql","DBSecurityGroups":[{"DBSecurityGroupName":"default"}]},
      {"DBInstanceIdentifier":"db-1","DBInstanceArn":"arn:aws:rds:us-east-1:111122223333:db:db-1",
       "Engine":"postgres","DBInstanceStatus":"available","MultiAZ":true,
       "Endpoint":{"Address":"db-1.abc.us-east-1.rds.amazonaws.com","Port":5432,"HostedZoneId":"Z2R2"},
       "DBSubnetGroup":{"DBSubnetGroupName":"private","VpcId":"vpc-1","SubnetGroupStatus":"Complete",
         "Subnets":[{"SubnetIdentifier":"subnet-1","SubnetStatus":"Active"},{"SubnetIdentifier":"subnet-2"}]},
       "VpcSecurityGroups":[{"VpcSecurityGroupId":"sg-1","Status":"active"}],
       "PubliclyAccessible":false}]})");
  ASSERT_EQ(n.rds_instances.size(), 1u) << Diagnostics(n);
  const RdsInstance* db = n.FindRdsInstance("arn:aws:rds:us-east-1:111122223333:db:db-1");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->identifier, "db-1");
  EXPECT_EQ(db->engine, "postgres");
  EXPECT_EQ(db->status, "available");
  EXPECT_EQ(db->endpoint_address, "db-1.abc.us-east-1.rds.amazonaws.com");
  EXPECT_EQ(db->port, 5432);
  EXPECT_EQ(db->vpc_id, "vpc-1");
  EXPECT_EQ(db->subnet_group_name, "private");
  EXPECT_EQ(db->subnet_ids, (std::vector<std::string>{"subnet-1", "subnet-2"}));
  ASSERT_EQ(db->security_groups.size(), 1u);
  EXPECT_EQ(db->security_groups[0].group_id, "sg-1");
  EXPECT_EQ(db->security_groups[0].status, "active");
  EXPECT_FALSE(db->publicly_accessible);
  EXPECT_EQ(db->source.path, "DBInstances[1]");
  // The EC2-Classic instance is counted with one info, no warning and no unknown-field notes.
  EXPECT_EQ(testing::Skipped(n, "DB instance outside a VPC"), 1u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "DBInstances[0]", "EC2-Classic")) << Diagnostics(n);
  EXPECT_EQ(n.diagnostics.items().size(), 1u) << Diagnostics(n);
}

TEST(RdsInstancesTest, BadInputIsReportedWithItsPath) {
  Network n = testing::Load(R"({"DBInstances":[{"Engine":"mysql"}, 7,
    {"DBInstanceIdentifier":"db-3","Endpoint":{"Port":70000},"DBSubnetGroup":{"Subnets":[{"SubnetIdentifier":"subnet-9"}]},
     "VpcSecurityGroups":[{"Status":"active"},{"VpcSecurityGroupId":"sg-9"}]}]})");
  ASSERT_EQ(n.rds_instances.size(), 1u);
  EXPECT_EQ(testing::Skipped(n, "DB instance"), 2u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "DBInstances[0].DBInstanceIdentifier", "")) << Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "DBInstances[2].Endpoint.Port", "outside 1-65535"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "DBInstances[2].DBSubnetGroup.VpcId", ""));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "DBInstances[2].VpcSecurityGroups[0].VpcSecurityGroupId", ""));
  const RdsInstance& db = n.rds_instances[0];
  EXPECT_EQ(db.id, "db-3");  // no DBInstanceArn: the identifier stands in
  EXPECT_FALSE(db.port);
  ASSERT_EQ(db.security_groups.size(), 1u);
  for (const char* what : {"subnet subnet-9", "security group sg-9"})
    EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "DBInstances[2]", what)) << what << "\n" << Diagnostics(n);
}

}  // namespace
}  // namespace sgscope::ingest
