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
                                          IpAddress destination, const std::string& group) {
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
    if (rule->access_all || (!group.empty() && rule->group_id == group)) out.grants.push_back(rule);
  out.allowed = !out.grants.empty();
  return out;
}

const ClientVpnRoute* LookupClientVpnRoute(const Network& network, const ClientVpnEndpoint& endpoint,
                                           IpAddress destination) {
  const ClientVpnRoute* best = nullptr;
  auto [begin, end] = OfEndpoint(network.client_vpn_routes, endpoint.id);
  for (auto it = begin; it != end; ++it) {
    if (!Active(*it) || !it->destination || !it->destination->Contains(destination)) continue;
    bool longer = !best || it->destination->length() > best->destination->length();
    bool tie_first = best && it->destination->length() == best->destination->length() &&
                     it->target_subnet_id < best->target_subnet_id;
    if (longer || tie_first) best = &*it;
  }
  return best;
}

const NetworkInterface* ClientVpnInterfaceIn(const Network& network, const ClientVpnEndpoint& endpoint,
                                             const std::string& subnet_id) {
  for (auto& association : network.client_vpn_target_networks) {
    if (association.endpoint_id != endpoint.id || association.subnet_id != subnet_id) continue;
    for (auto& eni : network.network_interfaces)
      if (ServesTargetNetwork(eni, association)) return &eni;
  }
  return nullptr;
}

const ClientVpnEndpoint* ClientVpnEndpointFor(const Network& network, IpAddress client) {
  for (auto& endpoint : network.client_vpn_endpoints)
    if (endpoint.client_cidr && endpoint.client_cidr->Contains(client)) return &endpoint;
  return nullptr;
}

}  // namespace sgscope
