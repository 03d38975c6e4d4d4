// describe-network-interfaces, and the same NetworkInterface shape inside
// describe-instances. An interface's public IPv4 addresses sit in the Association of each
// PrivateIpAddresses entry; the top-level Association repeats the primary's.
// InterfaceType stays an open string (aws-semantics.md §5.2).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kInterfaceIgnored[] = {
    "AssociatedSubnets", "AvailabilityZoneId", "Ipv6Address", "Ipv6Native",
    "MacAddress", "Operator", "OutpostArn", "PrivateDnsName", "PublicDnsName", "PublicIpDnsNameOptions",
    "TagSet", "Tags"};
constexpr std::string_view kAttachmentIgnored[] = {
    "AttachTime", "AttachmentId", "DeleteOnTermination", "EnaQueueCount",
    "EnaSrdSpecification", "InstanceOwnerId", "NetworkCardIndex", "Status"};
constexpr std::string_view kAddressIgnored[] = {"PrivateDnsName"};
constexpr std::string_view kAssociationIgnored[] = {"AllocationId", "AssociationId", "CarrierIp", "CustomerOwnedIp",
                                                    "PublicDnsName"};
constexpr std::string_view kIpv6Ignored[] = {"IsPrimaryIpv6", "PublicIpv6DnsName"};

// Association.PublicIp (auto-assigned or Elastic IP) and its IpOwnerId.
void ReadPublicIp(JsonCursor& owner, PrivateIpv4& address) {
  owner.Object("Association", [&](JsonCursor& association) {
    address.public_ip = ReadAddress(association, "PublicIp", IpFamily::kV4);
    association.ReadString("IpOwnerId", address.public_ip_owner);
    association.CheckFields("NetworkInterfaceAssociation", kAssociationIgnored);
  });
}

void ReadPrivateAddresses(JsonCursor& c, NetworkInterface& eni) {
  c.ForEach("PrivateIpAddresses", [&](JsonCursor& entry) {
    if (!entry.ExpectObject()) return entry.context().Skip("interface address");
    PrivateIpv4 address;
    std::optional<IpAddress> ip = ReadAddress(entry, "PrivateIpAddress", IpFamily::kV4, Need::kRequired);
    entry.ReadBool("Primary", address.primary);
    ReadPublicIp(entry, address);
    entry.CheckFields("NetworkInterfacePrivateIpAddress", kAddressIgnored);
    if (!ip) return entry.context().Skip("interface address");
    address.private_ip = *ip;
    eni.ipv4.push_back(std::move(address));
  });
  // PrivateIpAddress is the primary one; outputs without the list have only it.
  std::optional<IpAddress> primary = ReadAddress(c, "PrivateIpAddress", IpFamily::kV4);
  if (primary && eni.ipv4.empty()) eni.ipv4.emplace_back().private_ip = *primary;
  PrivateIpv4 top;
  ReadPublicIp(c, top);
  for (PrivateIpv4& a : eni.ipv4) {
    if (primary && a.private_ip == *primary) a.primary = true;
    if (a.primary && !a.public_ip && top.public_ip) a.public_ip = top.public_ip, a.public_ip_owner = top.public_ip_owner;
  }
}

void ReadIpv6Addresses(JsonCursor& c, NetworkInterface& eni) {
  c.ForEach("Ipv6Addresses", [&](JsonCursor& entry) {
    if (!entry.ExpectObject()) return entry.context().Skip("interface address");
    std::optional<IpAddress> ip = ReadAddress(entry, "Ipv6Address", IpFamily::kV6, Need::kRequired);
    entry.CheckFields("NetworkInterfaceIpv6Address", kIpv6Ignored);
    if (!ip) return entry.context().Skip("interface address");
    eni.ipv6.push_back(*ip);
  });
}

// ConnectionTrackingConfiguration: per-interface idle timeouts (Nitro only). The API
// enforces each field's range, so any positive value is kept as set; a value that is no
// timeout at all is reported and the default applies.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ConnectionTrackingConfiguration.html
void ReadTrackingTimeouts(JsonCursor& c, ConnectionTrackingTimeouts& timeouts) {
  c.Object("ConnectionTrackingConfiguration", [&](JsonCursor& config) {
    auto read = [&](std::string_view key, std::optional<std::chrono::seconds>& out) {
      std::optional<int64_t> value = config.Int(key);
      if (!value) return;
      if (*value > 0 && *value <= 432000) out = std::chrono::seconds(*value);
      else config.ErrorAt(key, std::to_string(*value) + " is not a timeout in seconds (1-432000); default used");
    };
    read("TcpEstablishedTimeout", timeouts.tcp_established);
    read("UdpStreamTimeout", timeouts.udp_stream);
    read("UdpTimeout", timeouts.udp);
    config.CheckFields("ConnectionTrackingConfiguration", {});
  });
}

// Prefix delegation gives an interface whole blocks of addresses; not modelled yet.
void NoteDelegatedPrefixes(JsonCursor& c) {
  for (std::string_view key : {"Ipv4Prefixes", "Ipv6Prefixes"})
    if (c.ArraySize(key) > 0)
      c.context().NoteOnce(Severity::kInfo, "NetworkInterface\x1f" + std::string(key),
                           "delegated prefixes (" + std::string(key) +
                               ") are not modelled yet; traffic to their addresses is not traced",
                           c);
}

void LoadNetworkInterface(JsonCursor& c) {
  NetworkInterface eni;
  if (!ReadNetworkInterface(c, eni)) return;
  c.context().network().network_interfaces.push_back(std::move(eni));
}

}  // namespace

bool ReadNetworkInterface(JsonCursor& c, NetworkInterface& eni) {
  if (!ReadItemId(c, "NetworkInterfaceId", eni.id, "network interface")) return false;
  c.ReadString("VpcId", eni.vpc_id);
  c.ReadString("SubnetId", eni.subnet_id);
  c.ReadString("AvailabilityZone", eni.availability_zone);
  c.ReadString("OwnerId", eni.owner_id);
  c.ReadString("InterfaceType", eni.interface_type);
  c.ReadString("Description", eni.description);
  c.ReadString("Status", eni.status);
  c.ReadString("RequesterId", eni.requester_id);
  c.ReadBool("RequesterManaged", eni.requester_managed);
  c.ReadBool("SourceDestCheck", eni.source_dest_check);
  c.ReadBool("DenyAllIgwTraffic", eni.deny_all_igw_traffic);
  c.Object("Attachment", [&](JsonCursor& attachment) {
    attachment.ReadString("InstanceId", eni.attached_instance_id);
    if (auto index = attachment.Int("DeviceIndex"); index && *index >= 0 && *index < 1024)
      eni.device_index = static_cast<int>(*index);
    attachment.CheckFields("NetworkInterfaceAttachment", kAttachmentIgnored);
  });
  ReadIdList(c, "Groups", "GroupId", eni.group_ids);
  ReadPrivateAddresses(c, eni);
  ReadIpv6Addresses(c, eni);
  ReadTrackingTimeouts(c, eni.tracking_timeouts);
  NoteDelegatedPrefixes(c);
  eni.source = c.Source();
  c.CheckFields("NetworkInterface", kInterfaceIgnored);
  return true;
}

void LoadNetworkInterfaces(JsonCursor& list) { list.ForEachElement(LoadNetworkInterface); }

}  // namespace sgscope::ingest
