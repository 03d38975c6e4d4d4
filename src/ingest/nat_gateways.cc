// describe-nat-gateways. A NAT gateway translates sources to its private address (and a
// public one translates that again to its Elastic IP at the internet gateway); it has no
// security group, only its subnet's network ACL. ConnectivityType is "public" unless given.
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kGatewayIgnored[] = {
    "AttachedAppliances", "AutoProvisionZones", "AutoScalingIps", "AvailabilityMode", "CreateTime", "DeleteTime",
    "FailureCode", "FailureMessage", "ProvisionedBandwidth", "RouteTableId", "Tags"};
constexpr std::string_view kAddressIgnored[] = {"AllocationId", "AssociationId", "AvailabilityZone",
                                                "AvailabilityZoneId", "FailureMessage", "IsPrimary", "Status"};

void LoadAddress(JsonCursor& c, NatGateway& gateway) {
  if (!c.ExpectObject()) return c.context().Skip("NAT gateway address");
  if (auto ip = ReadAddress(c, "PrivateIp", IpFamily::kV4)) gateway.private_ips.push_back(*ip);
  if (auto ip = ReadAddress(c, "PublicIp", IpFamily::kV4)) gateway.public_ips.push_back(*ip);
  std::string eni;
  if (c.ReadString("NetworkInterfaceId", eni) && gateway.network_interface_id.empty())
    gateway.network_interface_id = eni;
  c.CheckFields("NatGatewayAddress", kAddressIgnored);
}

void LoadNatGateway(JsonCursor& c) {
  NatGateway gateway;
  if (!ReadItemId(c, "NatGatewayId", gateway.id, "NAT gateway")) return;
  c.ReadString("VpcId", gateway.vpc_id);
  c.ReadString("SubnetId", gateway.subnet_id);
  c.ReadString("State", gateway.state);
  c.ReadString("ConnectivityType", gateway.connectivity_type);
  c.ForEach("NatGatewayAddresses", [&](JsonCursor& a) { LoadAddress(a, gateway); });
  AddItem(c, "NatGateway", kGatewayIgnored, std::move(gateway), c.context().network().nat_gateways);
}

}  // namespace

void LoadNatGateways(JsonCursor& list) { list.ForEachElement(LoadNatGateway); }

}  // namespace sgscope::ingest
