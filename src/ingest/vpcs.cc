// describe-vpcs. A VPC's address space is every associated block of
// CidrBlockAssociationSet and Ipv6CidrBlockAssociationSet; blocks being disassociated or
// that failed are not part of it. Old outputs without the sets have only CidrBlock.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kVpcIgnored[] = {"BlockPublicAccessStates", "DhcpOptionsId", "EncryptionControl",
                                            "InstanceTenancy", "State", "Tags"};
constexpr std::string_view kAssociationIgnored[] = {
    "AssociationId", "IpSource", "Ipv6AddressAttribute", "Ipv6Pool", "NetworkBorderGroup"};

constexpr CidrAssociationSet kIpv4Set = {"CidrBlockAssociationSet", "CidrBlock", IpFamily::kV4,
                                         "CidrBlockState", "VpcCidrBlockAssociation", kAssociationIgnored};
constexpr CidrAssociationSet kIpv6Set = {"Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock", IpFamily::kV6,
                                         "Ipv6CidrBlockState", "VpcIpv6CidrBlockAssociation", kAssociationIgnored};

void LoadVpc(JsonCursor& c) {
  Vpc vpc;
  if (!ReadItemId(c, "VpcId", vpc.id, "VPC")) return;
  c.ReadString("OwnerId", vpc.owner_id);
  c.ReadBool("IsDefault", vpc.is_default);
  vpc.account = c.context().account().empty() ? vpc.owner_id : c.context().account();
  vpc.region = c.context().region();
  // CidrBlock repeats the primary block of the set; it alone counts only without a set.
  ReadAssociatedCidrs(c, kIpv4Set, vpc.cidrs);
  std::optional<IpPrefix> primary = ReadCidr(c, "CidrBlock", IpFamily::kV4);
  if (vpc.cidrs.empty() && primary) vpc.cidrs.push_back(*primary);
  ReadAssociatedCidrs(c, kIpv6Set, vpc.cidrs);
  AddItem(c, "Vpc", kVpcIgnored, std::move(vpc), c.context().network().vpcs);
}

}  // namespace

void LoadVpcs(JsonCursor& list) { list.ForEachElement(LoadVpc); }

}  // namespace sgscope::ingest
