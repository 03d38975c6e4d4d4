#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;
using testing::Load;

IpAddress Ip(std::string_view s) { return *IpAddress::Parse(s); }

// The example of aws-semantics.md §5.1, as describe-network-interfaces prints it.
constexpr std::string_view kInterface = R"({"NetworkInterfaces":[{
  "Association":{"AllocationId":"eipalloc-1","AssociationId":"eipassoc-1","IpOwnerId":"123456789012",
                 "PublicDnsName":"ec2-203-0-113-12.compute-1.amazonaws.com","PublicIp":"203.0.113.12"},
  "Attachment":{"AttachTime":"2013-11-30T23:36:42.000Z","AttachmentId":"eni-attach-66c4350a",
                "DeleteOnTermination":false,"DeviceIndex":1,"NetworkCardIndex":0,
                "InstanceId":"i-1234567890abcdef0","InstanceOwnerId":"123456789012","Status":"attached"},
  "AvailabilityZone":"us-east-1d","AvailabilityZoneId":"use1-az6",
  "ConnectionTrackingConfiguration":{"TcpEstablishedTimeout":432000,"UdpStreamTimeout":180,"UdpTimeout":30},
  "Description":"my network interface","Groups":[{"GroupId":"sg-8637d3e3","GroupName":"default"}],
  "InterfaceType":"interface","Ipv6Addresses":[{"Ipv6Address":"2001:db8::1","IsPrimaryIpv6":false}],
  "MacAddress":"02:2f:8f:b0:cf:75","NetworkInterfaceId":"eni-e5aa89a3","OwnerId":"123456789012",
  "PrivateDnsName":"ip-10-0-1-17.ec2.internal","PrivateIpAddress":"10.0.1.17",
  "PrivateIpAddresses":[{"Association":{"PublicIp":"203.0.113.12","IpOwnerId":"123456789012"},
                         "Primary":true,"PrivateDnsName":"ip-10-0-1-17.ec2.internal","PrivateIpAddress":"10.0.1.17"},
                        {"Primary":false,"PrivateIpAddress":"10.0.1.18"}],
  "Ipv4Prefixes":[],"Ipv6Prefixes":[],"RequesterId":"AIDAEXAMPLE","RequesterManaged":true,"SourceDestCheck":false,
  "Status":"in-use","SubnetId":"subnet-b61f49f0","TagSet":[],"VpcId":"vpc-a01106c2","DenyAllIgwTraffic":true,
  "Ipv6Native":false,"Ipv6Address":"2001:db8::1","Operator":{"Managed":false}}]})";

TEST(NetworkInterfacesTest, LoadsEveryModelledField) {
  Network n = Load(kInterface);
  ASSERT_EQ(n.network_interfaces.size(), 1u);
  const NetworkInterface& e = n.network_interfaces[0];
  EXPECT_EQ(e.id, "eni-e5aa89a3");
  EXPECT_EQ(e.vpc_id, "vpc-a01106c2");
  EXPECT_EQ(e.subnet_id, "subnet-b61f49f0");
  EXPECT_EQ(e.availability_zone, "us-east-1d");
  EXPECT_EQ(e.owner_id, "123456789012");
  EXPECT_EQ(e.interface_type, "interface");
  EXPECT_EQ(e.description, "my network interface");
  EXPECT_EQ(e.status, "in-use");
  EXPECT_TRUE(e.requester_managed);
  EXPECT_EQ(e.requester_id, "AIDAEXAMPLE");
  EXPECT_FALSE(e.source_dest_check);
  EXPECT_TRUE(e.deny_all_igw_traffic);
  EXPECT_EQ(e.attached_instance_id, "i-1234567890abcdef0");
  EXPECT_EQ(e.group_ids, std::vector<std::string>{"sg-8637d3e3"});
  ASSERT_EQ(e.ipv4.size(), 2u);
  EXPECT_TRUE(e.ipv4[0].primary);
  EXPECT_EQ(e.ipv4[0].public_ip, Ip("203.0.113.12"));
  EXPECT_EQ(e.ipv4[0].public_ip_owner, "123456789012");
  EXPECT_FALSE(e.ipv4[1].primary);
  EXPECT_FALSE(e.ipv4[1].public_ip.has_value());
  EXPECT_EQ(e.ipv6, std::vector<IpAddress>{Ip("2001:db8::1")});
  EXPECT_EQ(e.tracking_timeouts.tcp_established, std::chrono::seconds(432000));
  EXPECT_EQ(e.tracking_timeouts.udp_stream, std::chrono::seconds(180));
  EXPECT_EQ(e.tracking_timeouts.udp, std::chrono::seconds(30));
  EXPECT_EQ(e.source.path, "NetworkInterfaces[0]");
  EXPECT_EQ(n.InterfaceWithPublicAddress(Ip("203.0.113.12")), &e);
  // Only the Finalize warnings about the subnet and group missing from this snapshot.
  EXPECT_EQ(n.diagnostics.count(Severity::kInfo), 0u) << testing::Diagnostics(n);
  EXPECT_EQ(n.diagnostics.count(Severity::kError), 0u);
}

TEST(NetworkInterfacesTest, TopLevelAddressAndAssociationMakeThePrimary) {
  Network n = Load(R"({"NetworkInterfaces":[{"NetworkInterfaceId":"eni-1","PrivateIpAddress":"10.0.0.5",
    "Association":{"PublicIp":"198.51.100.1","IpOwnerId":"amazon"}}]})");
  const NetworkInterface& e = n.network_interfaces.at(0);
  ASSERT_EQ(e.ipv4.size(), 1u);
  EXPECT_TRUE(e.ipv4[0].primary);
  EXPECT_EQ(e.ipv4[0].private_ip, Ip("10.0.0.5"));
  EXPECT_EQ(e.ipv4[0].public_ip, Ip("198.51.100.1"));
  EXPECT_EQ(e.ipv4[0].public_ip_owner, "amazon");
  EXPECT_TRUE(e.source_dest_check);
}

TEST(NetworkInterfacesTest, BadAddressesAreSkippedAndPrefixesNoted) {
  Network n = Load(R"({"NetworkInterfaces":[{"NetworkInterfaceId":"eni-1",
    "PrivateIpAddresses":[{"PrivateIpAddress":"10.0.0.256"},{"PrivateIpAddress":"10.0.0.6"}],
    "Ipv6Addresses":[{"Ipv6Address":"10.0.0.7"}],"Ipv4Prefixes":[{"Ipv4Prefix":"10.0.0.16/28"}]},
    {"Description":"no id"}]})");
  ASSERT_EQ(n.network_interfaces.size(), 1u);
  EXPECT_EQ(n.network_interfaces[0].ipv4.size(), 1u);
  EXPECT_TRUE(n.network_interfaces[0].ipv6.empty());
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "NetworkInterfaces[0].PrivateIpAddresses[0].PrivateIpAddress",
                            "is not an IPv4 address"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "NetworkInterfaces[0].Ipv6Addresses[0].Ipv6Address",
                            "is not an IPv6 address"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "NetworkInterfaces[0]", "delegated prefixes (Ipv4Prefixes)"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "NetworkInterfaces[1].NetworkInterfaceId", "required field"));
  EXPECT_EQ(testing::Skipped(n, "interface address"), 2u);
  EXPECT_EQ(testing::Skipped(n, "network interface"), 1u);
}

// Unset timeouts stay unset (the simulator applies AWS's defaults); a value that is no
// timeout is reported at its path and ignored.
TEST(NetworkInterfacesTest, ConnectionTrackingTimeoutsPartialAndInvalid) {
  Network n = Load(R"({"NetworkInterfaces":[{"NetworkInterfaceId":"eni-1",
    "ConnectionTrackingConfiguration":{"TcpEstablishedTimeout":350,"UdpTimeout":0}},
    {"NetworkInterfaceId":"eni-2"}]})");
  const ConnectionTrackingTimeouts& t = n.network_interfaces.at(0).tracking_timeouts;
  EXPECT_EQ(t.tcp_established, std::chrono::seconds(350));
  EXPECT_FALSE(t.udp_stream.has_value());
  EXPECT_FALSE(t.udp.has_value());
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "NetworkInterfaces[0].ConnectionTrackingConfiguration.UdpTimeout",
                            "is not a timeout"));
  EXPECT_FALSE(n.network_interfaces.at(1).tracking_timeouts.tcp_established.has_value());
}

}  // namespace
}  // namespace sgscope::ingest
