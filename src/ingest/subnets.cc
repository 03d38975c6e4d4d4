// describe-subnets: one IPv4 CidrBlock (absent for IPv6-only subnets) and the associated
// blocks of Ipv6CidrBlockAssociationSet.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kSubnetIgnored[] = {
    "AssignIpv6AddressOnCreation", "AvailabilityZoneId", "AvailableIpAddressCount", "BlockPublicAccessStates",
    "CustomerOwnedIpv4Pool", "DefaultForAz", "EnableDns64", "EnableLniAtDeviceIndex", "Ipv6Native",
    "MapCustomerOwnedIpOnLaunch", "OutpostArn", "OwnerId", "PrivateDnsNameOptionsOnLaunch", "State",
    "SubnetArn", "Tags", "Type"};
constexpr std::string_view kAssociationIgnored[] = {"AssociationId", "IpSource", "Ipv6AddressAttribute"};
constexpr CidrAssociationSet kIpv6Set = {"Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock", IpFamily::kV6,
                                         "Ipv6CidrBlockState", "SubnetIpv6CidrBlockAssociation", kAssociationIgnored};

void LoadSubnet(JsonCursor& c) {
  Subnet subnet;
  if (!ReadItemId(c, "SubnetId", subnet.id, "subnet")) return;
  c.ReadString("VpcId", subnet.vpc_id);
  c.ReadString("AvailabilityZone", subnet.availability_zone);
  c.ReadBool("MapPublicIpOnLaunch", subnet.map_public_ip_on_launch);
  if (std::optional<IpPrefix> cidr = ReadCidr(c, "CidrBlock", IpFamily::kV4)) subnet.cidrs.push_back(*cidr);
  ReadAssociatedCidrs(c, kIpv6Set, subnet.cidrs);
  AddItem(c, "Subnet", kSubnetIgnored, std::move(subnet), c.context().network().subnets);
}

}  // namespace

void LoadSubnets(JsonCursor& list) { list.ForEachElement(LoadSubnet); }

}  // namespace sgscope::ingest
