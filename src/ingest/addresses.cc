// describe-addresses: Elastic IPs and the interface / private address they map to. The
// interface's own Association usually repeats this; both are kept (model/elastic_ip.h).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Address.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

#include <string_view>
#include <unordered_map>

namespace sgscope::ingest {

namespace {

constexpr std::string_view kAddressIgnored[] = {
    "AssociationId", "CarrierIp", "CustomerOwnedIp", "CustomerOwnedIpv4Pool", "Domain", "NetworkBorderGroup",
    "NetworkInterfaceOwnerId", "PublicIpv4Pool", "ServiceManaged", "SubnetId", "Tags"};

void LoadAddress(JsonCursor& c) {
  if (!c.ExpectObject()) return c.context().Skip("Elastic IP");
  std::optional<IpAddress> public_ip = ReadAddress(c, "PublicIp", IpFamily::kV4, Need::kRequired);
  if (!public_ip) return c.context().Skip("Elastic IP");
  ElasticIp eip;
  eip.public_ip = *public_ip;
  c.ReadString("AllocationId", eip.allocation_id);
  c.ReadString("NetworkInterfaceId", eip.network_interface_id);
  c.ReadString("InstanceId", eip.instance_id);
  eip.private_ip = ReadAddress(c, "PrivateIpAddress", IpFamily::kV4);
  AddItem(c, "Address", kAddressIgnored, std::move(eip), c.context().network().elastic_ips);
}

}  // namespace

void LoadAddresses(JsonCursor& list) { list.ForEachElement(LoadAddress); }

// An interface whose own Association lacks the Elastic IP that describe-addresses maps to it
// (e.g. interfaces synthesised from describe-instances) gets it, so the internet gateway
// translation sees every public address.
void MergeElasticIps(Network& network) {
  std::unordered_map<std::string_view, NetworkInterface*> by_id;
  for (auto& eni : network.network_interfaces) by_id.emplace(eni.id, &eni);
  for (auto& eip : network.elastic_ips) {
    auto it = by_id.find(eip.network_interface_id);
    if (!eip.private_ip || it == by_id.end()) continue;
    for (auto& address : it->second->ipv4)
      if (address.private_ip == *eip.private_ip && !address.public_ip) address.public_ip = eip.public_ip;
  }
}

}  // namespace sgscope::ingest
