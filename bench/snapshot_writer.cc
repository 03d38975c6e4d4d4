// Prints a planned inventory as the AWS CLI prints it: one file per describe-* call, keys
// and nesting as in real output (see the Batfish snapshots in shared/data), including the
// fields sgscope ignores (MAC addresses, DNS names, block devices...), so that the bytes
// per resource, and so the load throughput, are those of a real account.

#include <fstream>
#include <stdexcept>

#include "report/json_writer.h"
#include "random.h"
#include "synthetic_inventory.h"

namespace sgscope::bench {

namespace {

namespace fs = std::filesystem;

constexpr char kTime[] = "2024-03-01T12:00:00+00:00";

std::string DnsLabel(uint32_t ip) {
  std::string text = Ipv4Text(ip);
  for (char& c : text)
    if (c == '.') c = '-';
  return text;
}

std::string MacAddress(uint32_t ip) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0e:10:%02x:%02x:%02x:%02x", ip >> 24, ip >> 16 & 255, ip >> 8 & 255, ip & 255);
  return buf;
}

// Writes each describe-* file of one inventory.
class SnapshotWriter {
 public:
  SnapshotWriter(const Inventory& inventory, const fs::path& dir) : inv_(inventory), dir_(dir) {}
  std::map<std::string, uint64_t> Run();

 private:
  template <typename Body>
  void File(const std::string& name, Body body);
  template <typename Body>
  void ListFile(const std::string& name, const char* key, Body items);

  void Vpc(JsonWriter& w, const PlanVpc& vpc);
  void Subnet(JsonWriter& w, const PlanSubnet& subnet);
  void Group(JsonWriter& w, const PlanGroup& group);
  void Permission(JsonWriter& w, const PlanPermission& perm);
  void Peer(JsonWriter& w, const PlanPeer& peer);
  void Interface(JsonWriter& w, const PlanInterface& eni, bool in_instance);
  void Attachment(JsonWriter& w, const PlanInterface& eni, bool in_instance);
  void PublicAssociation(JsonWriter& w, const PlanInterface& eni);
  void Groups(JsonWriter& w, const std::vector<int>& groups);
  void Reservation(JsonWriter& w, size_t first, size_t count);
  void Instance(JsonWriter& w, const PlanInstance& instance);
  void RouteTable(JsonWriter& w, const PlanRouteTable& table);
  void Acl(JsonWriter& w, const PlanAcl& acl);
  void AclEntry(JsonWriter& w, const PlanAclEntry& entry);
  void Peering(JsonWriter& w, const PlanPeering& pcx);
  void PeeringSide(JsonWriter& w, const char* key, int vpc, const PlanPeering& pcx);
  void NatGateway(JsonWriter& w, const PlanVpc& vpc);
  void GatewayEndpoint(JsonWriter& w, const PlanVpc& vpc, int vpc_index);
  void InterfaceEndpoint(JsonWriter& w, const PlanInterface& eni);
  void Address(JsonWriter& w, const PlanInterface& eni);
  void ManagedPrefixList(JsonWriter& w, const PlanPrefixList& list);
  void NameTag(JsonWriter& w, const char* key, const std::string& name);

  const PlanSubnet& SubnetOf(const PlanInterface& eni) const { return inv_.subnets[eni.subnet]; }
  const PlanVpc& VpcOf(const PlanInterface& eni) const { return inv_.vpcs[SubnetOf(eni).vpc]; }

  const Inventory& inv_;
  fs::path dir_;
  std::map<std::string, uint64_t> sizes_;
};

// Opens `name`, lets `body` write the members of the top-level object, records the size.
template <typename Body>
void SnapshotWriter::File(const std::string& name, Body body) {
  std::ofstream out(dir_ / name, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + (dir_ / name).string());
  {
    JsonWriter w(out, /*indent=*/4);  // the AWS CLI's layout, so bytes per resource are realistic
    w.BeginObject();
    body(w);
    w.EndObject();
  }
  out.close();
  sizes_[name] = fs::file_size(dir_ / name);
}

// The usual describe-* file: {"Key": [ ...items... ]}.
template <typename Body>
void SnapshotWriter::ListFile(const std::string& name, const char* key, Body items) {
  File(name, [&](JsonWriter& w) {
    w.Key(key), w.BeginArray();
    items(w);
    w.EndArray();
  });
}

std::map<std::string, uint64_t> SnapshotWriter::Run() {
  ListFile("Vpcs.json", "Vpcs", [&](JsonWriter& w) { for (auto& v : inv_.vpcs) Vpc(w, v); });
  ListFile("Subnets.json", "Subnets", [&](JsonWriter& w) { for (auto& s : inv_.subnets) Subnet(w, s); });
  ListFile("SecurityGroups.json", "SecurityGroups", [&](JsonWriter& w) { for (auto& g : inv_.groups) Group(w, g); });
  ListFile("NetworkInterfaces.json", "NetworkInterfaces",
       [&](JsonWriter& w) { for (auto& e : inv_.interfaces) Interface(w, e, false); });
  ListFile("Reservations.json", "Reservations", [&](JsonWriter& w) {
    for (size_t i = 0, count = 1; i < inv_.instances.size(); i += count) {
      count = i % 5 == 4 ? 2 : 1;  // every fifth launch started two instances
      Reservation(w, i, count);
    }
  });
  ListFile("RouteTables.json", "RouteTables", [&](JsonWriter& w) { for (auto& t : inv_.route_tables) RouteTable(w, t); });
  ListFile("NetworkAcls.json", "NetworkAcls", [&](JsonWriter& w) { for (auto& a : inv_.acls) Acl(w, a); });
  ListFile("InternetGateways.json", "InternetGateways", [&](JsonWriter& w) {
    for (auto& v : inv_.vpcs) {
      w.BeginObject();
      w.Key("Attachments"), w.BeginArray(), w.BeginObject(), w.Field("State", "available"), w.Field("VpcId", v.id);
      w.EndObject(), w.EndArray();
      w.Field("InternetGatewayId", v.igw), w.Field("OwnerId", inv_.account);
      NameTag(w, "Tags", v.id + "-igw");
      w.EndObject();
    }
  });
  ListFile("EgressOnlyInternetGateways.json", "EgressOnlyInternetGateways", [&](JsonWriter& w) {
    for (auto& v : inv_.vpcs) {
      if (v.eigw.empty()) continue;
      w.BeginObject();
      w.Key("Attachments"), w.BeginArray(), w.BeginObject(), w.Field("State", "attached"), w.Field("VpcId", v.id);
      w.EndObject(), w.EndArray();
      w.Field("EgressOnlyInternetGatewayId", v.eigw), w.EmptyArray("Tags");
      w.EndObject();
    }
  });
  ListFile("NatGateways.json", "NatGateways", [&](JsonWriter& w) { for (auto& v : inv_.vpcs) NatGateway(w, v); });
  ListFile("VpcPeeringConnections.json", "VpcPeeringConnections",
       [&](JsonWriter& w) { for (auto& p : inv_.peerings) Peering(w, p); });
  ListFile("VpcEndpoints.json", "VpcEndpoints", [&](JsonWriter& w) {
    for (size_t v = 0; v < inv_.vpcs.size(); ++v) GatewayEndpoint(w, inv_.vpcs[v], static_cast<int>(v));
    for (auto& e : inv_.interfaces)
      if (!e.endpoint_id.empty()) InterfaceEndpoint(w, e);
  });
  ListFile("Addresses.json", "Addresses", [&](JsonWriter& w) {
    for (auto& e : inv_.interfaces)
      if (!e.allocation_id.empty()) Address(w, e);
  });
  // describe-prefix-lists: the AWS service lists with their CIDRs.
  ListFile("PrefixLists.json", "PrefixLists", [&](JsonWriter& w) {
    for (auto& l : inv_.prefix_lists) {
      if (!l.aws_managed) continue;
      w.BeginObject(), w.StringArray("Cidrs", l.cidrs), w.Field("PrefixListId", l.id);
      w.Field("PrefixListName", l.name), w.EndObject();
    }
  });
  ListFile("ManagedPrefixLists.json", "PrefixLists",
       [&](JsonWriter& w) { for (auto& l : inv_.prefix_lists) ManagedPrefixList(w, l); });
  // get-managed-prefix-list-entries, one file per list; the PrefixListId key names the list.
  for (auto& l : inv_.prefix_lists) {
    if (l.aws_managed) continue;
    File("PrefixListEntries-" + l.id + ".json", [&](JsonWriter& w) {
      w.Key("Entries"), w.BeginArray();
      for (auto& c : l.cidrs) w.BeginObject(), w.Field("Cidr", c), w.Field("Description", l.name), w.EndObject();
      w.EndArray();
      w.Field("PrefixListId", l.id);
    });
  }
  return sizes_;
}

void SnapshotWriter::NameTag(JsonWriter& w, const char* key, const std::string& name) {
  w.Key(key), w.BeginArray(), w.BeginObject(), w.Field("Key", "Name"), w.Field("Value", name), w.EndObject();
  w.EndArray();
}

void SnapshotWriter::Vpc(JsonWriter& w, const PlanVpc& vpc) {
  w.BeginObject();
  w.Field("CidrBlock", Ipv4Cidr(vpc.cidr, 16));
  w.Key("CidrBlockAssociationSet"), w.BeginArray();
  for (uint32_t block : {vpc.cidr, vpc.secondary_cidr}) {
    if (!block) continue;
    w.BeginObject(), w.Field("AssociationId", "vpc-cidr-assoc-" + vpc.id.substr(4) + std::to_string(block & 255));
    w.Field("CidrBlock", Ipv4Cidr(block, 16));
    w.Key("CidrBlockState"), w.BeginObject(), w.Field("State", "associated"), w.EndObject(), w.EndObject();
  }
  w.EndArray();
  w.Field("DhcpOptionsId", "dopt-0a1b2c3d4e5f60718"), w.Field("InstanceTenancy", "default");
  if (!vpc.ipv6_cidr.empty()) {
    w.Key("Ipv6CidrBlockAssociationSet"), w.BeginArray(), w.BeginObject();
    w.Field("AssociationId", "vpc-cidr-assoc-6" + vpc.id.substr(5)), w.Field("Ipv6CidrBlock", vpc.ipv6_cidr);
    w.Key("Ipv6CidrBlockState"), w.BeginObject(), w.Field("State", "associated"), w.EndObject();
    w.Field("NetworkBorderGroup", inv_.region), w.Field("Ipv6Pool", "Amazon"), w.EndObject(), w.EndArray();
  }
  w.Field("IsDefault", false), w.Field("OwnerId", inv_.account), w.Field("State", "available");
  NameTag(w, "Tags", "vpc-" + std::to_string(vpc.cidr >> 16 & 255));
  w.Field("VpcId", vpc.id);
  w.EndObject();
}

void SnapshotWriter::Subnet(JsonWriter& w, const PlanSubnet& s) {
  const PlanVpc& vpc = inv_.vpcs[s.vpc];
  w.BeginObject();
  w.Field("AssignIpv6AddressOnCreation", false), w.Field("AvailabilityZone", s.az);
  w.Field("AvailabilityZoneId", "use1-az" + std::to_string(s.az.back() - 'a' + 1));
  w.Field("AvailableIpAddressCount", 251 - s.hosts_used), w.Field("CidrBlock", Ipv4Cidr(s.cidr, 24));
  w.Field("DefaultForAz", false);
  w.Key("Ipv6CidrBlockAssociationSet"), w.BeginArray();
  if (!s.ipv6_cidr.empty()) {
    w.BeginObject(), w.Field("AssociationId", "subnet-cidr-assoc-" + s.id.substr(7));
    w.Field("Ipv6CidrBlock", s.ipv6_cidr);
    w.Key("Ipv6CidrBlockState"), w.BeginObject(), w.Field("State", "associated"), w.EndObject(), w.EndObject();
  }
  w.EndArray();
  w.Field("MapPublicIpOnLaunch", s.is_public), w.Field("OwnerId", inv_.account), w.Field("State", "available");
  w.Field("SubnetArn", "arn:aws:ec2:" + inv_.region + ":" + inv_.account + ":subnet/" + s.id);
  w.Field("SubnetId", s.id);
  NameTag(w, "Tags", std::string(s.is_public ? "public-" : "private-") + Ipv4Cidr(s.cidr, 24));
  w.Field("VpcId", vpc.id);
  w.EndObject();
}

void SnapshotWriter::Group(JsonWriter& w, const PlanGroup& g) {
  w.BeginObject();
  w.Field("Description", g.description), w.Field("GroupId", g.id), w.Field("GroupName", g.name);
  w.Key("IpPermissions"), w.BeginArray();
  for (auto& p : g.ingress) Permission(w, p);
  w.EndArray();
  w.Key("IpPermissionsEgress"), w.BeginArray();
  for (auto& p : g.egress) Permission(w, p);
  w.EndArray();
  w.Field("OwnerId", inv_.account);
  w.Field("SecurityGroupArn", "arn:aws:ec2:" + inv_.region + ":" + inv_.account + ":security-group/" + g.id);
  if (g.name != "default") NameTag(w, "Tags", g.name);
  w.Field("VpcId", inv_.vpcs[g.vpc].id);
  w.EndObject();
}

// One IpPermission; its peers go to IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs.
void SnapshotWriter::Permission(JsonWriter& w, const PlanPermission& p) {
  bool has_ports = p.protocol == "tcp" || p.protocol == "udp" || p.protocol == "icmp" || p.protocol == "icmpv6";
  w.BeginObject();
  if (has_ports) w.Field("FromPort", p.from);
  w.Field("IpProtocol", p.protocol);
  static const std::pair<const char*, PlanPeer::Kind> kLists[] = {{"IpRanges", PlanPeer::Kind::kCidr4},
                                                                  {"Ipv6Ranges", PlanPeer::Kind::kCidr6},
                                                                  {"PrefixListIds", PlanPeer::Kind::kPrefixList}};
  for (auto [key, kind] : kLists) {
    w.Key(key), w.BeginArray();
    for (auto& peer : p.peers)
      if (peer.kind == kind) Peer(w, peer);
    w.EndArray();
  }
  if (has_ports) w.Field("ToPort", p.to);
  w.Key("UserIdGroupPairs"), w.BeginArray();
  for (auto& peer : p.peers)
    if (peer.kind == PlanPeer::Kind::kGroup) Peer(w, peer);
  w.EndArray();
  w.EndObject();
}

void SnapshotWriter::Peer(JsonWriter& w, const PlanPeer& peer) {
  static const char* const kValueKey[] = {"CidrIp", "CidrIpv6", "GroupId", "PrefixListId"};
  bool described_first = peer.kind == PlanPeer::Kind::kGroup || peer.kind == PlanPeer::Kind::kPrefixList;
  w.BeginObject();  // keys in alphabetical order, as the CLI prints them
  if (described_first && !peer.description.empty()) w.Field("Description", peer.description);
  w.Field(kValueKey[static_cast<int>(peer.kind)], peer.value);
  if (!described_first && !peer.description.empty()) w.Field("Description", peer.description);
  if (peer.kind == PlanPeer::Kind::kGroup) {
    if (!peer.peering_id.empty()) w.Field("PeeringStatus", "active");
    w.Field("UserId", inv_.account);
    if (!peer.peering_id.empty()) w.Field("VpcId", peer.peer_vpc_id), w.Field("VpcPeeringConnectionId", peer.peering_id);
  }
  w.EndObject();
}

void SnapshotWriter::Groups(JsonWriter& w, const std::vector<int>& groups) {
  for (int g : groups)
    w.BeginObject(), w.Field("GroupId", inv_.groups[g].id), w.Field("GroupName", inv_.groups[g].name), w.EndObject();
}

void SnapshotWriter::PublicAssociation(JsonWriter& w, const PlanInterface& eni) {
  w.Key("Association"), w.BeginObject();
  if (!eni.allocation_id.empty())
    w.Field("AllocationId", eni.allocation_id), w.Field("AssociationId", "eipassoc-" + eni.allocation_id.substr(9));
  w.Field("IpOwnerId", eni.allocation_id.empty() ? "amazon" : inv_.account);
  w.Field("PublicDnsName", "ec2-" + DnsLabel(eni.public_ip) + ".compute-1.amazonaws.com");
  w.Field("PublicIp", Ipv4Text(eni.public_ip));
  w.EndObject();
}

void SnapshotWriter::Attachment(JsonWriter& w, const PlanInterface& eni, bool in_instance) {
  if (eni.attachment_id.empty()) return;
  bool managed = eni.instance_id.empty();
  w.Key("Attachment"), w.BeginObject();
  if (!managed) w.Field("AttachTime", kTime);
  w.Field("AttachmentId", eni.attachment_id), w.Field("DeleteOnTermination", !managed && eni.device_index == 0);
  w.Field("DeviceIndex", managed ? 1 : eni.device_index);
  if (!managed && !in_instance) w.Field("InstanceId", eni.instance_id);
  if (!in_instance) w.Field("InstanceOwnerId", managed ? "amazon-aws" : inv_.account);
  w.Field("NetworkCardIndex", 0), w.Field("Status", "attached");
  w.EndObject();
}

// The describe-network-interfaces shape; inside describe-instances a few fields are absent.
void SnapshotWriter::Interface(JsonWriter& w, const PlanInterface& eni, bool in_instance) {
  const PlanSubnet& subnet = SubnetOf(eni);
  w.BeginObject();
  if (eni.public_ip) PublicAssociation(w, eni);
  Attachment(w, eni, in_instance);
  if (!in_instance) w.Field("AvailabilityZone", subnet.az);
  w.Field("Description", eni.description);
  w.Key("Groups"), w.BeginArray(), Groups(w, eni.groups), w.EndArray();
  w.Field("InterfaceType", eni.type);
  w.Key("Ipv6Addresses"), w.BeginArray();
  if (!eni.ipv6.empty()) w.BeginObject(), w.Field("Ipv6Address", eni.ipv6), w.Field("IsPrimaryIpv6", false), w.EndObject();
  w.EndArray();
  w.Field("MacAddress", MacAddress(eni.private_ips[0]));
  w.Field("NetworkInterfaceId", eni.id), w.Field("OwnerId", inv_.account);
  w.Field("PrivateDnsName", "ip-" + DnsLabel(eni.private_ips[0]) + ".ec2.internal");
  w.Field("PrivateIpAddress", Ipv4Text(eni.private_ips[0]));
  w.Key("PrivateIpAddresses"), w.BeginArray();
  for (size_t i = 0; i < eni.private_ips.size(); ++i) {
    w.BeginObject();
    if (i == 0 && eni.public_ip) PublicAssociation(w, eni);
    w.Field("Primary", i == 0), w.Field("PrivateDnsName", "ip-" + DnsLabel(eni.private_ips[i]) + ".ec2.internal");
    w.Field("PrivateIpAddress", Ipv4Text(eni.private_ips[i]));
    w.EndObject();
  }
  w.EndArray();
  if (!in_instance && !eni.requester_id.empty()) w.Field("RequesterId", eni.requester_id);
  if (!in_instance) w.Field("RequesterManaged", eni.requester_managed);
  w.Field("SourceDestCheck", eni.source_dest_check), w.Field("Status", eni.status), w.Field("SubnetId", subnet.id);
  if (!in_instance) w.EmptyArray("TagSet");
  w.Field("VpcId", inv_.vpcs[subnet.vpc].id);
  w.EndObject();
}

void SnapshotWriter::Reservation(JsonWriter& w, size_t first, size_t count) {
  w.BeginObject();
  w.EmptyArray("Groups");
  w.Key("Instances"), w.BeginArray();
  for (size_t i = first; i < std::min(first + count, inv_.instances.size()); ++i) Instance(w, inv_.instances[i]);
  w.EndArray();
  w.Field("OwnerId", inv_.account), w.Field("ReservationId", "r-" + inv_.instances[first].id.substr(2));
  w.EndObject();
}

void SnapshotWriter::Instance(JsonWriter& w, const PlanInstance& instance) {
  const PlanInterface& primary = inv_.interfaces[instance.interfaces.front()];
  const PlanSubnet& subnet = inv_.subnets[instance.subnet];
  w.BeginObject();
  w.Field("AmiLaunchIndex", 0), w.Field("Architecture", "x86_64");
  w.Key("BlockDeviceMappings"), w.BeginArray(), w.BeginObject(), w.Field("DeviceName", "/dev/xvda");
  w.Key("Ebs"), w.BeginObject(), w.Field("AttachTime", kTime), w.Field("DeleteOnTermination", true);
  w.Field("Status", "attached"), w.Field("VolumeId", "vol-" + instance.id.substr(2)), w.EndObject();
  w.EndObject(), w.EndArray();
  w.Key("CpuOptions"), w.BeginObject(), w.Field("CoreCount", 1), w.Field("ThreadsPerCore", 2), w.EndObject();
  w.Field("EbsOptimized", true), w.Field("EnaSupport", true), w.Field("Hypervisor", "xen");
  w.Field("ImageId", instance.image_id), w.Field("InstanceId", instance.id);
  w.Field("InstanceType", instance.instance_type), w.Field("KeyName", "ops"), w.Field("LaunchTime", kTime);
  w.Key("Monitoring"), w.BeginObject(), w.Field("State", "disabled"), w.EndObject();
  w.Key("NetworkInterfaces"), w.BeginArray();
  for (int e : instance.interfaces) Interface(w, inv_.interfaces[e], true);
  w.EndArray();
  w.Key("Placement"), w.BeginObject(), w.Field("AvailabilityZone", subnet.az), w.Field("GroupName", "");
  w.Field("Tenancy", "default"), w.EndObject();
  w.Field("PrivateDnsName", "ip-" + DnsLabel(primary.private_ips[0]) + ".ec2.internal");
  w.Field("PrivateIpAddress", Ipv4Text(primary.private_ips[0]));
  w.EmptyArray("ProductCodes");
  if (primary.public_ip) w.Field("PublicIpAddress", Ipv4Text(primary.public_ip));
  w.Field("RootDeviceName", "/dev/xvda"), w.Field("RootDeviceType", "ebs");
  w.Key("SecurityGroups"), w.BeginArray(), Groups(w, primary.groups), w.EndArray();
  w.Field("SourceDestCheck", primary.source_dest_check);
  w.Key("State"), w.BeginObject(), w.Field("Code", 16), w.Field("Name", "running"), w.EndObject();
  w.Field("SubnetId", subnet.id);
  NameTag(w, "Tags", "host-" + instance.id.substr(2, 6));
  w.Field("VirtualizationType", "hvm"), w.Field("VpcId", inv_.vpcs[subnet.vpc].id);
  w.EndObject();
}

void SnapshotWriter::RouteTable(JsonWriter& w, const PlanRouteTable& t) {
  static const char* const kDestinationKey[] = {"DestinationCidrBlock", "DestinationIpv6CidrBlock",
                                                "DestinationPrefixListId"};
  w.BeginObject();
  w.Key("Associations"), w.BeginArray();
  auto association = [&](const std::string* subnet, size_t n) {
    w.BeginObject();
    w.Key("AssociationState"), w.BeginObject(), w.Field("State", "associated"), w.EndObject();
    w.Field("Main", subnet == nullptr);
    w.Field("RouteTableAssociationId", "rtbassoc-" + t.id.substr(4, 12) + HexDigits(n, 5));
    w.Field("RouteTableId", t.id);
    if (subnet) w.Field("SubnetId", *subnet);
    w.EndObject();
  };
  if (t.is_main) association(nullptr, 0);
  for (size_t i = 0; i < t.subnets.size(); ++i) association(&inv_.subnets[t.subnets[i]].id, i + 1);
  w.EndArray();
  w.Field("OwnerId", inv_.account), w.EmptyArray("PropagatingVgws"), w.Field("RouteTableId", t.id);
  w.Key("Routes"), w.BeginArray();
  for (auto& r : t.routes) {
    w.BeginObject();
    w.Field(kDestinationKey[static_cast<int>(r.destination_kind)], r.destination);
    w.Field(r.target_key, r.target);
    w.Field("Origin", r.created_with_table ? "CreateRouteTable" : "CreateRoute");
    w.Field("State", r.blackhole ? "blackhole" : "active");
    w.EndObject();
  }
  w.EndArray();
  w.EmptyArray("Tags"), w.Field("VpcId", inv_.vpcs[t.vpc].id);
  w.EndObject();
}

void SnapshotWriter::Acl(JsonWriter& w, const PlanAcl& acl) {
  w.BeginObject();
  w.Key("Associations"), w.BeginArray();
  for (int s : acl.subnets) {
    w.BeginObject(), w.Field("NetworkAclAssociationId", "aclassoc-" + inv_.subnets[s].id.substr(7));
    w.Field("NetworkAclId", acl.id), w.Field("SubnetId", inv_.subnets[s].id), w.EndObject();
  }
  w.EndArray();
  w.Key("Entries"), w.BeginArray();
  for (auto& e : acl.entries) AclEntry(w, e);
  w.EndArray();
  w.Field("IsDefault", acl.is_default), w.Field("NetworkAclId", acl.id), w.Field("OwnerId", inv_.account);
  w.EmptyArray("Tags"), w.Field("VpcId", inv_.vpcs[acl.vpc].id);
  w.EndObject();
}

void SnapshotWriter::AclEntry(JsonWriter& w, const PlanAclEntry& e) {
  w.BeginObject();
  w.Field(e.ipv6 ? "Ipv6CidrBlock" : "CidrBlock", e.cidr), w.Field("Egress", e.egress);
  if (e.protocol == "1" || e.protocol == "58")
    w.Key("IcmpTypeCode"), w.BeginObject(), w.Field("Code", e.to), w.Field("Type", e.from), w.EndObject();
  if (e.protocol == "6" || e.protocol == "17")
    w.Key("PortRange"), w.BeginObject(), w.Field("From", e.from), w.Field("To", e.to), w.EndObject();
  w.Field("Protocol", e.protocol), w.Field("RuleAction", e.allow ? "allow" : "deny"), w.Field("RuleNumber", e.number);
  w.EndObject();
}

void SnapshotWriter::PeeringSide(JsonWriter& w, const char* key, int vpc_index, const PlanPeering& pcx) {
  w.Key(key), w.BeginObject();
  if (vpc_index >= 0) {
    const PlanVpc& vpc = inv_.vpcs[vpc_index];
    w.Field("CidrBlock", Ipv4Cidr(vpc.cidr, 16));
    w.Key("CidrBlockSet"), w.BeginArray();
    for (uint32_t block : {vpc.cidr, vpc.secondary_cidr})
      if (block) w.BeginObject(), w.Field("CidrBlock", Ipv4Cidr(block, 16)), w.EndObject();
    w.EndArray();
    w.Field("OwnerId", inv_.account);
    w.Key("PeeringOptions"), w.BeginObject(), w.Field("AllowDnsResolutionFromRemoteVpc", false);
    w.Field("AllowEgressFromLocalClassicLinkToRemoteVpc", false);
    w.Field("AllowEgressFromLocalVpcToRemoteClassicLink", false), w.EndObject();
  } else {
    w.Field("OwnerId", pcx.external_owner);
  }
  w.Field("Region", inv_.region), w.Field("VpcId", vpc_index >= 0 ? inv_.vpcs[vpc_index].id : pcx.external_vpc);
  w.EndObject();
}

void SnapshotWriter::Peering(JsonWriter& w, const PlanPeering& pcx) {
  bool active = pcx.status == "active";
  w.BeginObject();
  PeeringSide(w, "AccepterVpcInfo", pcx.accepter, pcx);
  if (!active) w.Field("ExpirationTime", "2024-03-08T12:00:00+00:00");
  PeeringSide(w, "RequesterVpcInfo", pcx.requester, pcx);
  w.Key("Status"), w.BeginObject(), w.Field("Code", pcx.status);
  w.Field("Message", active ? "Active" : "Pending Acceptance by " + pcx.external_owner), w.EndObject();
  w.EmptyArray("Tags"), w.Field("VpcPeeringConnectionId", pcx.id);
  w.EndObject();
}

void SnapshotWriter::NatGateway(JsonWriter& w, const PlanVpc& vpc) {
  const PlanInterface& eni = inv_.interfaces[vpc.nat_interface];
  w.BeginObject();
  w.Field("ConnectivityType", "public"), w.Field("CreateTime", kTime);
  w.Key("NatGatewayAddresses"), w.BeginArray(), w.BeginObject();
  w.Field("AllocationId", eni.allocation_id), w.Field("AssociationId", "eipassoc-" + eni.allocation_id.substr(9));
  w.Field("IsPrimary", true), w.Field("NetworkInterfaceId", eni.id);
  w.Field("PrivateIp", Ipv4Text(eni.private_ips[0])), w.Field("PublicIp", Ipv4Text(eni.public_ip));
  w.Field("Status", "succeeded"), w.EndObject(), w.EndArray();
  w.Field("NatGatewayId", vpc.nat), w.Field("State", "available"), w.Field("SubnetId", SubnetOf(eni).id);
  w.EmptyArray("Tags"), w.Field("VpcId", vpc.id);
  w.EndObject();
}

void SnapshotWriter::GatewayEndpoint(JsonWriter& w, const PlanVpc& vpc, int vpc_index) {
  std::vector<std::string> tables;
  for (auto& t : inv_.route_tables)
    if (t.vpc == vpc_index) tables.push_back(t.id);
  w.BeginObject();
  w.Field("CreationTimestamp", kTime), w.EmptyArray("DnsEntries"), w.EmptyArray("Groups");
  w.EmptyArray("NetworkInterfaceIds"), w.Field("OwnerId", inv_.account);
  w.Field("PolicyDocument", R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})");
  w.Field("PrivateDnsEnabled", false), w.Field("RequesterManaged", false), w.StringArray("RouteTableIds", tables);
  w.Field("ServiceName", "com.amazonaws." + inv_.region + ".s3"), w.Field("State", "available");
  w.EmptyArray("SubnetIds"), w.EmptyArray("Tags"), w.Field("VpcEndpointId", vpc.s3_endpoint);
  w.Field("VpcEndpointType", "Gateway"), w.Field("VpcId", vpc.id);
  w.EndObject();
}

void SnapshotWriter::InterfaceEndpoint(JsonWriter& w, const PlanInterface& eni) {
  static const char* const kServices[] = {"ssm", "ec2messages", "secretsmanager", "sts", "logs", "ecr.api"};
  std::string service = kServices[eni.private_ips[0] % std::size(kServices)];
  w.BeginObject();
  w.Field("CreationTimestamp", kTime);
  w.Key("DnsEntries"), w.BeginArray(), w.BeginObject();
  w.Field("DnsName", eni.endpoint_id + "." + service + "." + inv_.region + ".vpce.amazonaws.com");
  w.Field("HostedZoneId", "Z7HUB22UULQXV"), w.EndObject(), w.EndArray();
  w.Key("Groups"), w.BeginArray(), Groups(w, eni.groups), w.EndArray();
  w.StringArray("NetworkInterfaceIds", {eni.id}), w.Field("OwnerId", inv_.account);
  w.Field("PrivateDnsEnabled", true), w.Field("RequesterManaged", false), w.EmptyArray("RouteTableIds");
  w.Field("ServiceName", "com.amazonaws." + inv_.region + "." + service), w.Field("State", "available");
  w.StringArray("SubnetIds", {SubnetOf(eni).id}), w.EmptyArray("Tags"), w.Field("VpcEndpointId", eni.endpoint_id);
  w.Field("VpcEndpointType", "Interface"), w.Field("VpcId", VpcOf(eni).id);
  w.EndObject();
}

void SnapshotWriter::Address(JsonWriter& w, const PlanInterface& eni) {
  w.BeginObject();
  w.Field("AllocationId", eni.allocation_id), w.Field("AssociationId", "eipassoc-" + eni.allocation_id.substr(9));
  w.Field("Domain", "vpc");
  if (!eni.instance_id.empty()) w.Field("InstanceId", eni.instance_id);
  w.Field("NetworkBorderGroup", inv_.region), w.Field("NetworkInterfaceId", eni.id);
  w.Field("NetworkInterfaceOwnerId", inv_.account), w.Field("PrivateIpAddress", Ipv4Text(eni.private_ips[0]));
  w.Field("PublicIp", Ipv4Text(eni.public_ip)), w.Field("PublicIpv4Pool", "amazon");
  w.EndObject();
}

void SnapshotWriter::ManagedPrefixList(JsonWriter& w, const PlanPrefixList& l) {
  w.BeginObject();
  w.Field("AddressFamily", "IPv4");
  if (!l.aws_managed) w.Field("MaxEntries", 20);
  w.Field("OwnerId", l.owner);
  w.Field("PrefixListArn", "arn:aws:ec2:" + inv_.region + ":" + (l.aws_managed ? "aws" : inv_.account) +
                               ":prefix-list/" + l.id);
  w.Field("PrefixListId", l.id), w.Field("PrefixListName", l.name), w.Field("State", "create-complete");
  w.EmptyArray("Tags");
  if (!l.aws_managed) w.Field("Version", 1);
  w.EndObject();
}

}  // namespace

std::map<std::string, uint64_t> WriteSnapshot(const Inventory& inventory, const std::filesystem::path& dir) {
  return SnapshotWriter(inventory, dir).Run();
}

}  // namespace sgscope::bench
