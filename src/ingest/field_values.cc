// AWS value types read from JSON members. AWS stores CIDRs canonically ("If you specify
// 100.68.0.18/18, we modify it to 100.68.0.0/18",
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html), so a block
// with host bits is loaded canonicalised, and the user is told.

#include "ingest/field_values.h"

namespace sgscope::ingest {

namespace {

const char* FamilyName(IpFamily family) { return family == IpFamily::kV4 ? "IPv4" : "IPv6"; }

// Parses CIDR `text` found at `at.member` (`member` empty: at `at` itself).
std::optional<IpPrefix> ParseCidr(const JsonCursor& at, std::string_view member, std::string_view text,
                                  std::optional<IpFamily> family) {
  bool had_host_bits = false;
  std::optional<IpPrefix> prefix = IpPrefix::Parse(text, &had_host_bits);
  if (!prefix) {
    at.ReportAt(member, Severity::kError, "\"" + std::string(text) + "\" is not a CIDR block");
    return std::nullopt;
  }
  if (family && prefix->family() != *family) {
    at.ReportAt(member, Severity::kError,
                "\"" + std::string(text) + "\" is not an " + FamilyName(*family) + " CIDR block");
    return std::nullopt;
  }
  if (had_host_bits)
    at.ReportAt(member, Severity::kInfo,
                "\"" + std::string(text) + "\" has host bits set; canonicalised to " + prefix->ToString() +
                    " as AWS does");
  return prefix;
}

}  // namespace

std::optional<IpPrefix> ReadCidr(JsonCursor& object, std::string_view key, std::optional<IpFamily> family,
                                 Need need) {
  std::optional<std::string_view> text = object.String(key, need);
  if (!text) return std::nullopt;
  return ParseCidr(object, key, *text, family);
}

std::optional<IpPrefix> CidrValue(const JsonCursor& value, std::optional<IpFamily> family) {
  std::optional<std::string_view> text = value.AsString();
  if (!text) return std::nullopt;
  return ParseCidr(value, "", *text, family);
}

std::optional<IpAddress> ReadAddress(JsonCursor& object, std::string_view key, IpFamily family, Need need) {
  std::optional<std::string_view> text = object.String(key, need);
  if (!text) return std::nullopt;
  std::optional<IpAddress> address = IpAddress::Parse(*text);
  if (!address || address->family() != family) {
    object.ErrorAt(key, "\"" + std::string(*text) + "\" is not an " + FamilyName(family) + " address");
    return std::nullopt;
  }
  return address;
}

std::optional<uint16_t> ReadPort(JsonCursor& object, std::string_view key, Need need) {
  std::optional<int64_t> port = object.Int(key, need);
  if (!port) return std::nullopt;
  if (*port < 1 || *port > 65535) {
    object.ErrorAt(key, "port " + std::to_string(*port) + " is outside 1-65535");
    return std::nullopt;
  }
  return static_cast<uint16_t>(*port);
}

void ReadStringList(JsonCursor& object, std::string_view key, std::vector<std::string>& out) {
  object.ForEach(key, [&](JsonCursor& item) {
    if (auto s = item.AsString()) out.emplace_back(*s);
  });
}

void ReadAddressList(JsonCursor& object, std::string_view key, std::vector<IpAddress>& out) {
  object.ForEach(key, [&](JsonCursor& item) {
    std::optional<std::string_view> text = item.AsString();
    if (!text) return;
    if (std::optional<IpAddress> address = IpAddress::Parse(*text))
      out.push_back(*address);
    else
      item.Error("\"" + std::string(*text) + "\" is not an IP address");
  });
}

void ReadIdList(JsonCursor& object, std::string_view key, std::string_view member, std::vector<std::string>& out) {
  object.ForEach(key, [&](JsonCursor& item) {
    if (!item.ExpectObject()) return;
    if (auto id = item.String(member, Need::kRequired)) out.emplace_back(*id);
  });
}

std::string ReadTag(JsonCursor& object, std::string_view key, std::string_view name) {
  std::string value;
  object.ForEach(key, [&](JsonCursor& tag) {
    if (tag.is_object() && tag.String("Key") == name) tag.ReadString("Value", value);
  });
  return value;
}

bool IsLiveState(JsonCursor& object, std::string_view key, std::initializer_list<std::string_view> live) {
  std::optional<std::string_view> state;
  object.Object(key, [&](JsonCursor& s) { state = s.String("State"); });
  if (!state) return true;
  for (std::string_view l : live)
    if (*state == l) return true;
  return false;
}

std::optional<GroupReference> ReadGroupReference(JsonCursor& object) {
  GroupReference ref;
  bool has_id = object.ReadString("GroupId", ref.group_id, Need::kRequired);
  object.ReadString("UserId", ref.user_id);
  object.ReadString("VpcId", ref.vpc_id);
  object.ReadString("VpcPeeringConnectionId", ref.vpc_peering_connection_id);
  object.ReadString("PeeringStatus", ref.peering_status);
  if (!has_id) return std::nullopt;
  return ref;
}

// An attached internet gateway reports State "available" rather than "attached"
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InternetGatewayAttachment.html).
void ReadAttachedVpcs(JsonCursor& gateway, std::string_view key, std::vector<std::string>& vpc_ids) {
  gateway.ForEach(key, [&](JsonCursor& attachment) {
    if (!attachment.ExpectObject()) return;
    std::optional<std::string_view> vpc = attachment.String("VpcId", Need::kRequired);
    std::optional<std::string_view> state = attachment.String("State");
    attachment.CheckFields("VpcAttachment", {});
    if (vpc && (!state || *state == "available" || *state == "attached")) vpc_ids.emplace_back(*vpc);
  });
}

void ReadAssociatedCidrs(JsonCursor& object, const CidrAssociationSet& set, std::vector<IpPrefix>& out) {
  object.ForEach(set.key, [&](JsonCursor& association) {
    if (!association.ExpectObject()) return association.context().Skip("CIDR block");
    bool live = IsLiveState(association, set.state_key, {"associated"});
    std::optional<IpPrefix> cidr = ReadCidr(association, set.cidr_key, set.family, Need::kRequired);
    association.CheckFields(set.shape, set.ignored);
    if (!cidr) return association.context().Skip("CIDR block");
    if (live) out.push_back(*cidr);
  });
}

}  // namespace sgscope::ingest
