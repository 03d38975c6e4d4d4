// describe-internet-gateways and describe-egress-only-internet-gateways: gateways and the
// VPCs they are attached to. An egress-only gateway passes IPv6 outbound (and its
// replies) only.
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
// https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kGatewayIgnored[] = {"OwnerId", "Tags"};

// Both shapes are {<IdKey>, Attachments[{State, VpcId}], Tags}.
// `shape` is AWS's name for the type (for unknown-field notes), `kind` ours (for skips).
template <typename Gateway>
void LoadGateway(JsonCursor& c, std::string_view id_key, std::string_view shape, std::string_view kind,
                 std::vector<Gateway>& out) {
  Gateway gateway;
  if (!ReadItemId(c, id_key, gateway.id, kind)) return;
  ReadAttachedVpcs(c, "Attachments", gateway.vpc_ids);
  AddItem(c, shape, kGatewayIgnored, std::move(gateway), out);
}

}  // namespace

void LoadInternetGateways(JsonCursor& list) {
  list.ForEachElement([](JsonCursor& c) {
    LoadGateway(c, "InternetGatewayId", "InternetGateway", "internet gateway",
                c.context().network().internet_gateways);
  });
}

void LoadEgressOnlyInternetGateways(JsonCursor& list) {
  list.ForEachElement([](JsonCursor& c) {
    LoadGateway(c, "EgressOnlyInternetGatewayId", "EgressOnlyInternetGateway", "egress-only internet gateway",
                c.context().network().egress_only_internet_gateways);
  });
}

}  // namespace sgscope::ingest
