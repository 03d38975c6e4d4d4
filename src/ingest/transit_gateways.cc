// describe-transit-gateways, describe-transit-gateway-attachments and
// describe-transit-gateway-vpc-attachments. The two attachment outputs describe the same
// attachments (the generic one has the associated route table, the VPC one the subnets
// where the attachment's interfaces live); the merge joins them by id and transit
// gateway. A peering attachment has one end on each of its two transit gateways, with
// the same id and each its own association, so its two ends stay two entries.
// https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html

#include <algorithm>

#include "ingest/field_values.h"
#include "ingest/fold_by_id.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kGatewayIgnored[] = {"CreationTime", "Description", "Tags", "TransitGatewayArn"};
constexpr std::string_view kOptionsIgnored[] = {
    "AmazonSideAsn", "AutoAcceptSharedAttachments", "DefaultRouteTableAssociation",
    "DefaultRouteTablePropagation", "DnsSupport", "EncryptionSupport", "MulticastSupport",
    "TransitGatewayCidrBlocks", "VpnEcmpSupport"};
constexpr std::string_view kAttachmentIgnored[] = {"CreationTime", "Tags", "TransitGatewayOwnerId"};
constexpr std::string_view kVpcAttachmentIgnored[] = {"CreationTime", "Tags"};
constexpr std::string_view kVpcAttachmentOptionsIgnored[] = {"ApplianceModeSupport", "DnsSupport", "Ipv6Support"};

// "enable" / "disable" options; anything else keeps the documented default.
void ReadEnableOption(JsonCursor& options, bool& value) {
  if (auto text = options.String("SecurityGroupReferencingSupport")) {
    if (*text == "enable") value = true;
    if (*text == "disable") value = false;
  }
}

void LoadTransitGateway(JsonCursor& c) {
  TransitGateway gateway;
  if (!ReadItemId(c, "TransitGatewayId", gateway.id, "transit gateway")) return;
  c.ReadString("OwnerId", gateway.owner_id);
  c.ReadString("State", gateway.state);
  c.Object("Options", [&](JsonCursor& options) {
    options.ReadString("AssociationDefaultRouteTableId", gateway.association_default_route_table_id);
    options.ReadString("PropagationDefaultRouteTableId", gateway.propagation_default_route_table_id);
    ReadEnableOption(options, gateway.security_group_referencing);
    options.CheckFields("TransitGatewayOptions", kOptionsIgnored);
  });
  AddItem(c, "TransitGateway", kGatewayIgnored, std::move(gateway), c.context().network().transit_gateways);
}

// The fields both attachment shapes share; false when the id is missing.
bool ReadAttachmentBase(JsonCursor& c, TransitGatewayAttachment& attachment) {
  if (!ReadItemId(c, "TransitGatewayAttachmentId", attachment.id, "transit gateway attachment")) return false;
  c.ReadString("TransitGatewayId", attachment.transit_gateway_id);
  c.ReadString("State", attachment.state);
  return true;
}

void LoadAttachment(JsonCursor& c) {
  TransitGatewayAttachment attachment;
  if (!ReadAttachmentBase(c, attachment)) return;
  c.ReadString("ResourceType", attachment.resource_type);
  c.ReadString("ResourceId", attachment.resource_id);
  c.ReadString("ResourceOwnerId", attachment.resource_owner_id);
  c.Object("Association", [&](JsonCursor& association) {
    std::string table;
    association.ReadString("TransitGatewayRouteTableId", table);
    std::optional<std::string_view> state = association.String("State");
    if (!state || *state == "associated") attachment.association_route_table_id = table;
    association.CheckFields("TransitGatewayAttachmentAssociation", {});
  });
  AddItem(c, "TransitGatewayAttachment", kAttachmentIgnored, std::move(attachment),
          c.context().network().transit_gateway_attachments);
}

void LoadVpcAttachment(JsonCursor& c) {
  TransitGatewayAttachment attachment;
  if (!ReadAttachmentBase(c, attachment)) return;
  attachment.resource_type = "vpc";
  c.ReadString("VpcId", attachment.resource_id);
  c.ReadString("VpcOwnerId", attachment.resource_owner_id);
  ReadStringList(c, "SubnetIds", attachment.subnet_ids);
  c.Object("Options", [&](JsonCursor& options) {
    ReadEnableOption(options, attachment.security_group_referencing);
    options.CheckFields("TransitGatewayVpcAttachmentOptions", kVpcAttachmentOptionsIgnored);
  });
  AddItem(c, "TransitGatewayVpcAttachment", kVpcAttachmentIgnored, std::move(attachment),
          c.context().network().transit_gateway_attachments);
}

void FillIfEmpty(std::string& into, const std::string& from) {
  if (into.empty()) into = from;
}

void FoldAttachment(TransitGatewayAttachment& from, TransitGatewayAttachment& into) {
  FillIfEmpty(into.transit_gateway_id, from.transit_gateway_id);
  FillIfEmpty(into.resource_type, from.resource_type);
  FillIfEmpty(into.resource_id, from.resource_id);
  FillIfEmpty(into.resource_owner_id, from.resource_owner_id);
  into.security_group_referencing = into.security_group_referencing && from.security_group_referencing;
  FillIfEmpty(into.state, from.state);
  FillIfEmpty(into.association_route_table_id, from.association_route_table_id);
  for (std::string& s : from.subnet_ids)
    if (std::find(into.subnet_ids.begin(), into.subnet_ids.end(), s) == into.subnet_ids.end())
      into.subnet_ids.push_back(std::move(s));
}

}  // namespace

void LoadTransitGateways(JsonCursor& list) { list.ForEachElement(LoadTransitGateway); }
void LoadTransitGatewayAttachments(JsonCursor& list) { list.ForEachElement(LoadAttachment); }
void LoadTransitGatewayVpcAttachments(JsonCursor& list) { list.ForEachElement(LoadVpcAttachment); }

void MergeTransitGatewayAttachments(Network& network) {
  FoldByKey(
      network.transit_gateway_attachments,
      [](const TransitGatewayAttachment& a) { return a.id + '\x1f' + a.transit_gateway_id; },
      [](const TransitGatewayAttachment&) { return true; }, FoldAttachment);
}

}  // namespace sgscope::ingest
