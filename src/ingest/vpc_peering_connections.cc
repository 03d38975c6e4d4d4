// describe-vpc-peering-connections: the two sides, each with its VPC, account, region and
// CIDR blocks (CidrBlockSet / Ipv6CidrBlockSet; CidrBlock alone in old outputs). Only
// status "active" carries traffic; the status is kept as written.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnection.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kConnectionIgnored[] = {"ExpirationTime", "Tags"};
constexpr std::string_view kSideIgnored[] = {"PeeringOptions"};

void ReadCidrSet(JsonCursor& side, std::string_view key, std::string_view member, IpFamily family,
                 std::vector<IpPrefix>& out) {
  side.ForEach(key, [&](JsonCursor& entry) {
    if (!entry.ExpectObject()) return;
    if (auto cidr = ReadCidr(entry, member, family, Need::kRequired)) out.push_back(*cidr);
    entry.CheckFields("CidrBlock", {});
  });
}

void ReadSide(JsonCursor& c, std::string_view key, PeeringSide& side) {
  c.Object(key, [&](JsonCursor& info) {
    info.ReadString("VpcId", side.vpc_id);
    info.ReadString("OwnerId", side.owner_id);
    info.ReadString("Region", side.region);
    ReadCidrSet(info, "CidrBlockSet", "CidrBlock", IpFamily::kV4, side.cidrs);
    std::optional<IpPrefix> primary = ReadCidr(info, "CidrBlock", IpFamily::kV4);
    if (side.cidrs.empty() && primary) side.cidrs.push_back(*primary);
    ReadCidrSet(info, "Ipv6CidrBlockSet", "Ipv6CidrBlock", IpFamily::kV6, side.cidrs);
    info.CheckFields("VpcPeeringConnectionVpcInfo", kSideIgnored);
  });
}

void LoadPeering(JsonCursor& c) {
  VpcPeeringConnection peering;
  if (!ReadItemId(c, "VpcPeeringConnectionId", peering.id, "VPC peering connection")) return;
  c.Object("Status", [&](JsonCursor& status) {
    status.ReadString("Code", peering.status);
    status.String("Message");
  });
  ReadSide(c, "RequesterVpcInfo", peering.requester);
  ReadSide(c, "AccepterVpcInfo", peering.accepter);
  AddItem(c, "VpcPeeringConnection", kConnectionIgnored, std::move(peering),
          c.context().network().vpc_peering_connections);
}

}  // namespace

void LoadVpcPeeringConnections(JsonCursor& list) { list.ForEachElement(LoadPeering); }

}  // namespace sgscope::ingest
