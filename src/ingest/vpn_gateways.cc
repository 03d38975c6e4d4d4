// describe-vpn-gateways: virtual private gateways and the VPCs attached to them (the
// site-to-site VPN / Direct Connect side of a VPC); the VPN connections behind them are
// in vpn_connections.cc.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnGateway.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kGatewayIgnored[] = {"AmazonSideAsn", "AvailabilityZone", "State", "Tags", "Type"};

void LoadVpnGateway(JsonCursor& c) {
  VpnGateway gateway;
  if (!ReadItemId(c, "VpnGatewayId", gateway.id, "VPN gateway")) return;
  ReadAttachedVpcs(c, "VpcAttachments", gateway.vpc_ids);
  AddItem(c, "VpnGateway", kGatewayIgnored, std::move(gateway), c.context().network().vpn_gateways);
}

}  // namespace

void LoadVpnGateways(JsonCursor& list) { list.ForEachElement(LoadVpnGateway); }

}  // namespace sgscope::ingest
