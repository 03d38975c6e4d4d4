#pragma once
// Reading AWS value types out of JSON members: CIDR blocks, addresses, id lists, Name tags.
// Each reports a bad value with the member's exact path.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/json_cursor.h"
#include "model/security_group.h"
#include "net/ip_address.h"
#include "net/ip_prefix.h"

namespace sgscope::ingest {

// The CIDR block in member `key`. A block of the wrong family or that does not parse is
// an error (nullopt); host bits are zeroed as AWS does, with an info diagnostic.
std::optional<IpPrefix> ReadCidr(JsonCursor& object, std::string_view key, std::optional<IpFamily> family,
                                 Need need = Need::kOptional);
// Same, for a cursor that is itself the CIDR string (e.g. an element of `Cidrs`).
std::optional<IpPrefix> CidrValue(const JsonCursor& value, std::optional<IpFamily> family);
std::optional<IpAddress> ReadAddress(JsonCursor& object, std::string_view key, IpFamily family,
                                     Need need = Need::kOptional);
// The TCP/UDP port in integer member `key` (a listener's or an endpoint's); outside 1-65535 is an error.
std::optional<uint16_t> ReadPort(JsonCursor& object, std::string_view key, Need need = Need::kOptional);
// Appends every string of the array member `key` (e.g. SubnetIds) to `out`.
void ReadStringList(JsonCursor& object, std::string_view key, std::vector<std::string>& out);
// Appends every address (IPv4 or IPv6) of the string array member `key` (e.g. DnsIpAddrs).
void ReadAddressList(JsonCursor& object, std::string_view key, std::vector<IpAddress>& out);
// Appends `member` of every object in array `key` (e.g. Groups[].GroupId) to `out`.
void ReadIdList(JsonCursor& object, std::string_view key, std::string_view member, std::vector<std::string>& out);
// The value of the tag named `name` in the Key/Value list `key` ("Tags" or "TagSet").
std::string ReadTag(JsonCursor& object, std::string_view key, std::string_view name);
// Reads `State` of the object member `key` (e.g. CidrBlockState) and tells whether it is
// one of `live` states; an absent state counts as live.
bool IsLiveState(JsonCursor& object, std::string_view key, std::initializer_list<std::string_view> live);

// A UserIdGroupPair / ReferencedSecurityGroup: GroupId (required), UserId, VpcId,
// VpcPeeringConnectionId, PeeringStatus.
std::optional<GroupReference> ReadGroupReference(JsonCursor& object);

// VpcIds of a gateway's attachment list `key` ([{VpcId, State}]) that are attached.
void ReadAttachedVpcs(JsonCursor& gateway, std::string_view key, std::vector<std::string>& vpc_ids);

// An AWS "...CidrBlockAssociationSet": blocks with a state, of which only "associated"
// ones are part of the address space.
struct CidrAssociationSet {
  std::string_view key;        // "Ipv6CidrBlockAssociationSet"
  std::string_view cidr_key;   // "Ipv6CidrBlock"
  IpFamily family;
  std::string_view state_key;  // "Ipv6CidrBlockState"
  std::string_view shape;      // AWS shape name, for unknown-field notes
  FieldList ignored;
};
void ReadAssociatedCidrs(JsonCursor& object, const CidrAssociationSet& set, std::vector<IpPrefix>& out);

}  // namespace sgscope::ingest
