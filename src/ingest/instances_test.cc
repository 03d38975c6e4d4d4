#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

constexpr std::string_view kInstances = R"({"Reservations":[{"OwnerId":"111","ReservationId":"r-1","Groups":[],
  "Instances":[{"InstanceId":"i-1","VpcId":"vpc-1","SubnetId":"subnet-1","State":{"Code":16,"Name":"running"},
    "Tags":[{"Key":"Env","Value":"prod"},{"Key":"Name","Value":"web-1"}],
    "Placement":{"AvailabilityZone":"us-east-1a","Tenancy":"default"},"InstanceType":"t3.micro","MacAddress":"x",
    "SecurityGroups":[{"GroupId":"sg-1"}],
    "NetworkInterfaces":[
      {"NetworkInterfaceId":"eni-1","Description":"from instance","PrivateIpAddress":"10.0.0.5",
       "Groups":[{"GroupId":"sg-1"}],"Attachment":{"DeviceIndex":0,"Status":"attached"}},
      {"NetworkInterfaceId":"eni-2","PrivateIpAddress":"10.0.0.6","Groups":[{"GroupId":"sg-2"}],
       "Association":{"PublicIp":"198.51.100.7","IpOwnerId":"amazon"},
       "Attachment":{"DeviceIndex":1}}]}]}]})";

constexpr std::string_view kInterfaces = R"({"NetworkInterfaces":[
  {"NetworkInterfaceId":"eni-1","Description":"from describe","SubnetId":"subnet-1","VpcId":"vpc-1",
   "PrivateIpAddress":"10.0.0.5","RequesterManaged":false,"AvailabilityZone":"us-east-1a"}]})";

TEST(InstancesTest, LoadsInstancesAndTheirInterfaces) {
  Network n = testing::Load(kInstances);
  ASSERT_EQ(n.instances.size(), 1u);
  const Instance& i = n.instances[0];
  EXPECT_EQ(i.id, "i-1");
  EXPECT_EQ(i.vpc_id, "vpc-1");
  EXPECT_EQ(i.subnet_id, "subnet-1");
  EXPECT_EQ(i.state, "running");
  EXPECT_EQ(i.name, "web-1");
  EXPECT_EQ(i.network_interface_ids, (std::vector<std::string>{"eni-1", "eni-2"}));
  EXPECT_EQ(i.source.path, "Reservations[0].Instances[0]");
  // Without describe-network-interfaces, the instance's own interface list stands in.
  ASSERT_EQ(n.network_interfaces.size(), 2u);
  const NetworkInterface* eni2 = n.FindNetworkInterface("eni-2");
  EXPECT_EQ(eni2->attached_instance_id, "i-1");
  EXPECT_EQ(eni2->subnet_id, "subnet-1");
  EXPECT_EQ(eni2->vpc_id, "vpc-1");
  EXPECT_EQ(eni2->availability_zone, "us-east-1a");
  EXPECT_EQ(eni2->owner_id, "111");
  EXPECT_EQ(eni2->group_ids, std::vector<std::string>{"sg-2"});
  EXPECT_EQ(eni2->ipv4.at(0).public_ip, IpAddress::Parse("198.51.100.7"));
  EXPECT_EQ(eni2->source.path, "Reservations[0].Instances[0].NetworkInterfaces[1]");
  EXPECT_TRUE(testing::HasDiagnostic(n, Severity::kInfo, "Reservations[0].Instances[0].MacAddress", "not known"));
}

TEST(InstancesTest, DescribeNetworkInterfacesWinsInEitherOrder) {
  for (bool instances_first : {true, false}) {
    Network n = instances_first ? testing::LoadTwo(kInstances, kInterfaces) : testing::LoadTwo(kInterfaces, kInstances);
    ASSERT_EQ(n.network_interfaces.size(), 2u) << instances_first;
    EXPECT_EQ(n.FindNetworkInterface("eni-1")->description, "from describe");
    EXPECT_EQ(n.FindNetworkInterface("eni-1")->source.path, "NetworkInterfaces[0]");
    EXPECT_EQ(n.FindNetworkInterface("eni-2")->description, "");
  }
}

TEST(InstancesTest, AnInstanceWithoutIdIsSkipped) {
  Network n = testing::Load(R"({"Reservations":[{"Instances":[{"VpcId":"vpc-1"}]},"junk"]})");
  EXPECT_TRUE(n.instances.empty());
  EXPECT_EQ(testing::Skipped(n, "instance"), 2u);
}

}  // namespace
}  // namespace sgscope::ingest
