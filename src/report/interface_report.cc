// Interface listing. Managed services own many interfaces in a customer's subnets; this is where
// a user sees which service sgscope thinks owns each one, and therefore whether the inbound rules
// of its groups can matter at all (the catalogue in managed_service.cc decides).

#include "report/interface_report.h"

#include <fmt/format.h>

#include "model/interface_owner.h"
#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

// What one listing row says, computed once for both formats.
struct InterfaceRow {
  const NetworkInterface* eni;
  std::string owner;
  const ManagedService* service;
  std::vector<std::string> private_ips, public_ips, ipv6;
};

// "consulted" for instances and unattached interfaces, whose groups decide like any other;
// "unknown" for a managed interface no catalogue entry describes.
const char* InboundRulesName(const InterfaceRow& row) {
  const ManagedService* service = row.service;
  if (row.eni->group_ids.empty()) return "no-security-group";
  if (!service) return row.owner.rfind("other-managed", 0) == 0 ? "unknown" : "consulted";
  switch (service->inbound) {
    case InboundUse::kNeeded: return "needed";
    case InboundUse::kNotConsulted: return "not-consulted";
    case InboundUse::kNoSecurityGroup: return "no-security-group";
  }
  return "consulted";
}

std::vector<InterfaceRow> Rows(const Network& n, const std::string& owner_filter) {
  std::vector<InterfaceRow> rows;
  for (auto& eni : n.network_interfaces) {
    InterfaceRow row{&eni, InterfaceOwnerKind(n, eni), ServiceOfInterface(n, eni), {}, {}, {}};
    if (!owner_filter.empty() && row.owner != owner_filter) continue;
    for (auto& a : eni.ipv4) {
      row.private_ips.push_back(a.private_ip.ToString());
      if (a.public_ip) row.public_ips.push_back(a.public_ip->ToString());
    }
    for (auto& a : eni.ipv6) row.ipv6.push_back(a.ToString());
    rows.push_back(std::move(row));
  }
  return rows;  // network_interfaces is sorted by id in Finalize
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "-" : out;
}

}  // namespace

void WriteInterfacesText(const Network& n, const std::string& owner, std::ostream& out) {
  auto rows = Rows(n, owner);
  out << fmt::format("{:<24} {:<30} {:<18} {:<16} {:<16} {}\n", "interface", "owner", "inbound rules", "private",
                     "public", "groups");
  for (auto& r : rows) {
    std::string inbound = InboundRulesName(r);
    if (r.service && !r.service->confirmed) inbound += "*";
    out << fmt::format("{:<24} {:<30} {:<18} {:<16} {:<16} {}\n", TerminalSafe(r.eni->id), TerminalSafe(r.owner),
                       inbound, Joined(r.private_ips), Joined(r.public_ips), TerminalSafe(Joined(r.eni->group_ids)));
  }
  out << fmt::format("{} interface(s)", rows.size());
  out << "; * = modelling assumption (UNCONFIRMED in aws-semantics.md); see docs/managed-services.md\n";
}

void WriteInterfacesJson(const Network& n, const std::string& owner, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Key("interfaces").BeginArray();
  for (auto& r : Rows(n, owner)) {
    w.BeginObject().Field("id", r.eni->id).Field("vpc_id", r.eni->vpc_id).Field("subnet_id", r.eni->subnet_id);
    w.StringArray("private_ips", r.private_ips).StringArray("public_ips", r.public_ips).StringArray("ipv6", r.ipv6);
    w.StringArray("groups", r.eni->group_ids).Field("owner", r.owner);
    w.Field("service", r.service ? std::string(r.service->name) : "");
    w.Field("inbound_rules", InboundRulesName(r)).Field("assumption", r.service && !r.service->confirmed);
    w.Field("description", r.eni->description).Field("requester_id", r.eni->requester_id);
    WriteSourceLocation(w, n, r.eni->source);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace sgscope
