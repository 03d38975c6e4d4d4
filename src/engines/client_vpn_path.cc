// Client VPN decisions made on the AWS side of the endpoint, before a client's packet meets
// any security group: authorization rules, the endpoint route table, and the choice of the
// endpoint interface whose address the packet takes (SNAT). Rules and routes that are not
// active (authorizing, revoking, failed, deleting...) decide nothing.

#include "engines/client_vpn_path.h"

#include <algorithm>

#include "model/interface_owner.h"

namespace sgscope {

namespace {

// An item whose Status.Code is "active", or absent (hand-written snapshots omit it).
template <typename T>
bool Active(const T& item) {
  return item.status.empty() || item.status == "active";
}

// The [begin, end) range of `items` (sorted by endpoint id in Finalize) for one endpoint.
template <typename T>
std::pair<typename std::vector<T>::const_iterator, typename std::vector<T>::const_iterator> OfEndpoint(
    const std::vector<T>& items, const std::string& endpoint_id) {
  return std::equal_range(items.begin(), items.end(), endpoint_id, [](const auto& a, const auto& b) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::string>)
      return a < b.endpoint_id;
    else
      return a.endpoint_id < b;
  });
}

}  // namespace

ClientVpnAuthorization AuthorizeClientVpn(const Network& network, const ClientVpnEndpoint& endpoint,
                                          IpAddress destination, const std::vector<std::string>& groups) {
  ClientVpnAuthorization out;
  auto [begin, end] = OfEndpoint(network.client_vpn_authorization_rules, endpoint.id);
  for (auto it = begin; it != end; ++it) {
    if (!Active(*it) || !it->destination || !it->destination->Contains(destination)) continue;
    if (out.decisive_prefix && it->destination->length() < out.decisive_prefix->length()) continue;
    if (!out.decisive_prefix || it->destination->length() > out.decisive_prefix->length()) {
      out.decisive_prefix = it->destination;
      out.rules.clear();
    }
    out.rules.push_back(&*it);
  }
  for (const ClientVpnAuthorizationRule* rule : out.rules)
    if (rule->access_all || std::count(groups.begin(), groups.end(), rule->group_id)) out.grants.push_back(rule);
  out.allowed = !out.grants.empty();
  return out;
}

std::vector<const ClientVpnRoute*> LookupClientVpnRoutes(const Network& network, const ClientVpnEndpoint& endpoint,
                                                         IpAddress destination) {
  std::vector<const ClientVpnRoute*> best;
  auto [begin, end] = OfEndpoint(network.client_vpn_routes, endpoint.id);
  for (auto it = begin; it != end; ++it) {
    if (!Active(*it) || !it->destination || !it->destination->Contains(destination)) continue;
    if (!best.empty() && it->destination->length() < best.front()->destination->length()) continue;
    if (!best.empty() && it->destination->length() > best.front()->destination->length()) best.clear();
    best.push_back(&*it);
  }
  std::sort(best.begin(), best.end(), [](auto* a, auto* b) { return a->target_subnet_id < b->target_subnet_id; });
  return best;
}

ClientVpnInterface ClientVpnInterfaceIn(const Network& network, const ClientVpnEndpoint& endpoint,
                                        const std::string& subnet_id) {
  const ClientVpnTargetNetwork* association = nullptr;
  for (auto& a : network.client_vpn_target_networks)
    if (a.endpoint_id == endpoint.id && a.subnet_id == subnet_id) association = &a;
  if (!association)
    return {nullptr, "the endpoint has no target network association in " + subnet_id +
                         " (describe-client-vpn-target-networks)"};
  // Only an associated subnet carries traffic: associating, association-failed, disassociating...
  if (!association->status.empty() && association->status != "associated")
    return {nullptr, "its association " + association->id + " in " + subnet_id + " is " + association->status};
  for (auto& eni : network.network_interfaces) {
    if (!ServesTargetNetwork(eni, *association)) continue;
    if (!eni.PrimaryIpv4()) return {nullptr, "its interface " + eni.id + " has no IPv4 address"};
    if (!network.SubnetOf(eni)) return {nullptr, "its interface " + eni.id + "'s subnet is not in the snapshot"};
    return {&eni, ""};
  }
  return {nullptr, "no requester-managed interface in " + subnet_id + " carries exactly the association's groups (" +
                       std::to_string(association->security_group_ids.size()) +
                       " group(s); describe-network-interfaces)"};
}

std::vector<const ClientVpnEndpoint*> ClientVpnEndpointsFor(const Network& network, IpAddress client) {
  std::vector<const ClientVpnEndpoint*> out;
  for (auto& endpoint : network.client_vpn_endpoints)
    if (endpoint.client_cidr && endpoint.client_cidr->Contains(client) && endpoint.status != "deleted")
      out.push_back(&endpoint);
  return out;
}

const ClientVpnEndpoint* ClientVpnEndpointOfInterface(const Network& network, const NetworkInterface& eni) {
  for (auto& association : network.client_vpn_target_networks)
    if (ServesTargetNetwork(eni, association)) return network.FindClientVpnEndpoint(association.endpoint_id);
  return nullptr;
}

IpAddress ClientVpnHost(const IpPrefix& client_cidr, int n) {
  IpAddress first = client_cidr.First();
  if (client_cidr.length() >= AddressBits(client_cidr.family()) - 1) return first;
  uint128 value = first.value() + static_cast<uint128>(n);
  return first.is_v4() ? IpAddress::V4(static_cast<uint32_t>(value)) : IpAddress::V6(value);
}

}  // namespace sgscope
