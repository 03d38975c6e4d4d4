#pragma once
// The generator's own plan of a synthetic account: plain structs holding exactly what the
// JSON files will say. Planning (snapshot_generator.cc) and printing (snapshot_writer.cc)
// are separate so each stays short; neither depends on sgscope's model, so the generator
// is an independent source of truth for the loader's counts.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sgscope::bench {

// One peer of an IpPermission (each peer is one security-group rule).
struct PlanPeer {
  enum class Kind : uint8_t { kCidr4, kCidr6, kGroup, kPrefixList };
  Kind kind = Kind::kCidr4;
  std::string value;  // CIDR, group id or prefix-list id
  std::string description;
  std::string peer_vpc_id;  // group references across a peering
  std::string peering_id;
};

// An IpPermission: protocol, ports (or ICMP type/code) and its peers.
struct PlanPermission {
  std::string protocol;  // "tcp", "udp", "icmp", "icmpv6", "-1" or a number
  int from = -1, to = -1;
  std::vector<PlanPeer> peers;
};

struct PlanGroup {
  std::string id, name, description;
  int vpc = 0;
  std::vector<PlanPermission> ingress, egress;
};

struct PlanVpc {
  std::string id;
  uint32_t cidr = 0;            // 10.x.0.0/16
  uint32_t secondary_cidr = 0;  // 100.x.0.0/16, or 0
  std::string ipv6_cidr;        // "" when the VPC has no IPv6 block
  std::string igw, eigw, nat, s3_endpoint, main_route_table;
  int nat_interface = -1;
  std::vector<int> subnets, groups, peerings;
  std::vector<std::vector<int>> group_combos;  // popular sets of groups, most popular first
};

struct PlanSubnet {
  std::string id, az, ipv6_cidr;
  int vpc = 0;
  uint32_t cidr = 0;  // a /24
  bool is_public = false;
  int hosts_used = 0;
  int ipv6_used = 0;
};

struct PlanInterface {
  std::string id, type, description, requester_id, status = "in-use";
  std::string instance_id, attachment_id, endpoint_id;
  int subnet = 0;
  int device_index = 0;
  bool requester_managed = false;
  bool source_dest_check = true;
  std::vector<int> groups;
  std::vector<uint32_t> private_ips;  // primary first
  uint32_t public_ip = 0;             // 0: none
  std::string allocation_id;          // Elastic IP, else "" (an amazon-owned public IP)
  std::string ipv6;
};

struct PlanInstance {
  std::string id, instance_type, image_id;
  int subnet = 0;
  std::vector<int> interfaces;
};

struct PlanAclEntry {
  int number = 0;
  bool egress = false;
  bool allow = true;
  std::string protocol;  // "-1", "6", "17", "1", "58", "50"
  std::string cidr;
  bool ipv6 = false;
  int from = -1, to = -1;  // ports for 6/17, ICMP type/code for 1/58
};

struct PlanAcl {
  std::string id;
  int vpc = 0;
  bool is_default = false;
  std::vector<int> subnets;
  std::vector<PlanAclEntry> entries;
};

struct PlanRoute {
  enum class Destination : uint8_t { kIpv4, kIpv6, kPrefixList };
  Destination destination_kind = Destination::kIpv4;
  std::string destination;
  std::string target_key;  // "GatewayId", "NatGatewayId", "VpcPeeringConnectionId", ...
  std::string target;
  bool blackhole = false;
  bool created_with_table = false;  // Origin CreateRouteTable (local routes)
};

struct PlanRouteTable {
  std::string id;
  int vpc = 0;
  bool is_main = false;
  std::vector<int> subnets;
  std::vector<PlanRoute> routes;
};

struct PlanPeering {
  std::string id, status;
  int requester = 0;
  int accepter = -1;  // -1: a VPC of another account, outside the snapshot
  std::string external_vpc, external_owner;
  uint32_t external_cidr = 0;
};

struct PlanPrefixList {
  std::string id, name, owner;
  bool aws_managed = false;  // printed by describe-prefix-lists with its Cidrs
  std::vector<std::string> cidrs;
};

// The whole synthetic account.
struct Inventory {
  std::string account, region;
  std::vector<PlanVpc> vpcs;
  std::vector<PlanSubnet> subnets;
  std::vector<PlanGroup> groups;
  std::vector<PlanInterface> interfaces;
  std::vector<PlanInstance> instances;
  std::vector<PlanAcl> acls;
  std::vector<PlanRouteTable> route_tables;
  std::vector<PlanPeering> peerings;
  std::vector<PlanPrefixList> prefix_lists;
};

// `value`'s low `digits` hex digits (zero-padded on the left beyond 16).
std::string HexDigits(uint64_t value, int digits);
// "10.1.2.3", "10.1.2.0/24".
std::string Ipv4Text(uint32_t address);
std::string Ipv4Cidr(uint32_t address, int length);

// Writes every file of the snapshot into `dir`; returns file name -> bytes.
std::map<std::string, uint64_t> WriteSnapshot(const Inventory& inventory, const std::filesystem::path& dir);

// What the snapshot holds, counted the way the model counts (one rule per peer).
std::map<std::string, uint64_t> CountInventory(const Inventory& inventory);

}  // namespace sgscope::bench
