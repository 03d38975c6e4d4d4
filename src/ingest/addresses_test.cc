#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

TEST(AddressesTest, ElasticIpsAndTheirAssociation) {
  Network n = testing::Load(R"({"Addresses":[
    {"PublicIp":"198.51.100.1","AllocationId":"eipalloc-1","AssociationId":"eipassoc-1","Domain":"vpc",
     "NetworkInterfaceId":"eni-1","NetworkInterfaceOwnerId":"1","PrivateIpAddress":"10.0.0.5","InstanceId":"i-1",
     "PublicIpv4Pool":"amazon","NetworkBorderGroup":"us-east-1"},
    {"PublicIp":"198.51.100.2","AllocationId":"eipalloc-2","Domain":"vpc"},
    {"AllocationId":"eipalloc-3"}]})");
  ASSERT_EQ(n.elastic_ips.size(), 2u);
  const ElasticIp& e = n.elastic_ips[0];
  EXPECT_EQ(e.public_ip, *IpAddress::Parse("198.51.100.1"));
  EXPECT_EQ(e.allocation_id, "eipalloc-1");
  EXPECT_EQ(e.network_interface_id, "eni-1");
  EXPECT_EQ(e.instance_id, "i-1");
  EXPECT_EQ(e.private_ip, IpAddress::Parse("10.0.0.5"));
  EXPECT_FALSE(n.elastic_ips[1].private_ip.has_value());
  EXPECT_TRUE(testing::HasDiagnostic(n, Severity::kError, "Addresses[2].PublicIp", "required field is missing"));
  EXPECT_EQ(testing::Skipped(n, "Elastic IP"), 1u);
}

}  // namespace
}  // namespace sgscope::ingest
