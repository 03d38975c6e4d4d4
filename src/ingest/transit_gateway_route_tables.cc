// Transit gateway route tables: describe-transit-gateway-route-tables, plus Batfish's
// per-table files TransitGatewayStaticRoutes (search-transit-gateway-routes output under
// the table's id) and TransitGatewayPropagations (get-transit-gateway-route-table-
// propagations under the table's id). Routes and propagations wait in a placeholder table
// (path starting with their key) until the merge folds them into the described table.
// Associations come from each attachment's Association.
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html

#include <algorithm>
#include <unordered_map>

#include "ingest/field_values.h"
#include "ingest/fold_by_id.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kTablesKey = "TransitGatewayRouteTables";
constexpr std::string_view kTableIgnored[] = {"CreationTime", "DefaultAssociationRouteTable",
                                              "DefaultPropagationRouteTable", "Tags"};
constexpr std::string_view kRouteIgnored[] = {"TransitGatewayRouteTableAnnouncementId"};
constexpr std::string_view kPropagationIgnored[] = {"ResourceId", "ResourceType",
                                                    "TransitGatewayRouteTableAnnouncementId"};

void AddUnique(std::vector<std::string>& ids, std::string id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
}

void LoadTable(JsonCursor& c) {
  TransitGatewayRouteTable table;
  if (!ReadItemId(c, "TransitGatewayRouteTableId", table.id, "transit gateway route table")) return;
  c.ReadString("TransitGatewayId", table.transit_gateway_id);
  std::optional<std::string_view> state = c.String("State");
  if (state == "deleted" || state == "deleting")
    return c.Report(Severity::kInfo, "route table is " + std::string(*state) + "; ignored");
  AddItem(c, "TransitGatewayRouteTable", kTableIgnored, std::move(table),
          c.context().network().transit_gateway_route_tables);
}

// A placeholder for table `TransitGatewayRouteTableId` of an entry of a per-table file.
std::optional<TransitGatewayRouteTable> Placeholder(JsonCursor& c) {
  TransitGatewayRouteTable table;
  if (!ReadItemId(c, "TransitGatewayRouteTableId", table.id, "transit gateway route table")) return std::nullopt;
  return table;
}

void LoadRoute(JsonCursor& c, TransitGatewayRouteTable& table) {
  TransitGatewayRoute route;
  if (!c.ExpectObject()) return c.context().Skip("transit gateway route");
  std::optional<IpPrefix> cidr = ReadCidr(c, "DestinationCidrBlock", std::nullopt);
  c.ReadString("PrefixListId", route.destination_prefix_list_id);
  if (!cidr && route.destination_prefix_list_id.empty()) {
    if (!c.Has("DestinationCidrBlock")) c.Error("route has no destination");
    return c.context().Skip("transit gateway route");
  }
  if (cidr) route.destination = *cidr;
  std::optional<std::string_view> state = c.String("State");
  route.blackhole = state == "blackhole";
  route.propagated = c.String("Type") == "propagated";
  ReadIdList(c, "TransitGatewayAttachments", "TransitGatewayAttachmentId", route.attachment_ids);
  if (state == "deleted" || state == "deleting") return c.CheckFields("TransitGatewayRoute", kRouteIgnored);
  AddItem(c, "TransitGatewayRoute", kRouteIgnored, std::move(route), table.routes);
}

void LoadStaticRoutes(JsonCursor& c) {
  std::optional<TransitGatewayRouteTable> table = Placeholder(c);
  if (!table) return;
  c.ForEach("Routes", [&](JsonCursor& route) { LoadRoute(route, *table); });
  if (c.Bool("AdditionalRoutesAvailable") == true)
    c.Report(Severity::kWarning, "the route search was truncated (AdditionalRoutesAvailable); routes are missing");
  AddItem(c, "TransitGatewayStaticRoutes", {}, std::move(*table), c.context().network().transit_gateway_route_tables);
}

void LoadPropagations(JsonCursor& c) {
  std::optional<TransitGatewayRouteTable> table = Placeholder(c);
  if (!table) return;
  c.ForEach("TransitGatewayRouteTablePropagations", [&](JsonCursor& p) {
    if (!p.ExpectObject()) return;
    std::optional<std::string_view> id = p.String("TransitGatewayAttachmentId", Need::kRequired);
    std::optional<std::string_view> state = p.String("State");
    p.CheckFields("TransitGatewayRouteTablePropagation", kPropagationIgnored);
    if (id && (!state || *state == "enabled")) AddUnique(table->propagating_attachment_ids, std::string(*id));
  });
  AddItem(c, "TransitGatewayPropagations", {}, std::move(*table), c.context().network().transit_gateway_route_tables);
}

void FoldTable(TransitGatewayRouteTable& from, TransitGatewayRouteTable& into) {
  if (into.transit_gateway_id.empty()) into.transit_gateway_id = from.transit_gateway_id;
  for (TransitGatewayRoute& r : from.routes) into.routes.push_back(std::move(r));
  for (std::string& id : from.propagating_attachment_ids) AddUnique(into.propagating_attachment_ids, std::move(id));
  for (std::string& id : from.associated_attachment_ids) AddUnique(into.associated_attachment_ids, std::move(id));
}

}  // namespace

void LoadTransitGatewayRouteTables(JsonCursor& list) { list.ForEachElement(LoadTable); }
void LoadTransitGatewayStaticRoutes(JsonCursor& list) { list.ForEachElement(LoadStaticRoutes); }
void LoadTransitGatewayPropagations(JsonCursor& list) { list.ForEachElement(LoadPropagations); }

void MergeTransitGatewayRouteTables(Network& network) {
  FoldById(
      network.transit_gateway_route_tables,
      [](const TransitGatewayRouteTable& t) { return !t.source.path.starts_with(kTablesKey); }, FoldTable);
  std::unordered_map<std::string_view, TransitGatewayRouteTable*> tables;
  for (TransitGatewayRouteTable& t : network.transit_gateway_route_tables) tables.emplace(t.id, &t);
  for (const TransitGatewayAttachment& a : network.transit_gateway_attachments) {
    auto it = tables.find(a.association_route_table_id);
    if (it != tables.end()) AddUnique(it->second->associated_attachment_ids, a.id);
  }
}

}  // namespace sgscope::ingest
