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

// An interface whose own record lacks the association gets the Elastic IP describe-addresses maps to it.
TEST(AddressesTest, ElasticIpsFillMissingInterfaceAssociations) {
  Network n = testing::LoadTwo(
      R"({"NetworkInterfaces":[{"NetworkInterfaceId":"eni-1","SubnetId":"subnet-1","VpcId":"vpc-1",
          "PrivateIpAddresses":[{"PrivateIpAddress":"10.0.0.5","Primary":true},{"PrivateIpAddress":"10.0.0.6"}]}]})",
      R"({"Addresses":[{"PublicIp":"198.51.100.1","NetworkInterfaceId":"eni-1","PrivateIpAddress":"10.0.0.6"}]})");
  const NetworkInterface* eni = n.FindNetworkInterface("eni-1");
  ASSERT_NE(eni, nullptr);
  EXPECT_EQ(eni->PublicForPrivate(*IpAddress::Parse("10.0.0.6")), IpAddress::Parse("198.51.100.1"));
  EXPECT_EQ(eni->PublicForPrivate(*IpAddress::Parse("10.0.0.5")), std::nullopt);
  EXPECT_EQ(n.InterfaceWithPublicAddress(*IpAddress::Parse("198.51.100.1")), eni);
}

}  // namespace
}  // namespace sgscope::ingest
