// Proof for issue 3 on the bundled Client VPN example: what a VPN client can reach does not depend
// on the inbound rules of the endpoint's groups, because client traffic leaves the endpoint
// interface under its outbound rules (aws-semantics.md §6). The flows cover every interface of the
// snapshot on the ports the example's rules mention, so a change that let those inbound rules
// decide anything would show up as a different trace.

#include <gtest/gtest.h>

#include <sstream>

#include "engines/trace.h"
#include "ingest/snapshot_loader.h"
#include "model/interface_owner.h"
#include "report/trace_report.h"

namespace sgscope {
namespace {

constexpr const char* kExample = SGSCOPE_SOURCE_DIR "/examples/clientvpn-ad";

struct Probe {
  uint8_t protocol;
  uint16_t port;
};
constexpr Probe kProbes[] = {{kProtoTcp, 22},  {kProtoTcp, 53},  {kProtoTcp, 389}, {kProtoTcp, 443},
                             {kProtoTcp, 445}, {kProtoTcp, 5432}, {kProtoUdp, 53}, {kProtoUdp, 123},
                             {kProtoUdp, 443}, {kProtoIcmp, 0}};

// Every VPN client flow's full JSON trace, one per line, for two client groups.
std::vector<std::string> VpnTraces(const Network& network, int& accepted) {
  std::vector<std::string> out;
  for (const char* group : {"", "S-1-5-21-1111111111-2222222222-3333333333-1105"})
    for (auto& eni : network.network_interfaces)
      for (Probe probe : kProbes) {
        TraceQuery q;
        q.from = "10.250.1.7", q.to = eni.id, q.protocol = probe.protocol, q.dst_port = probe.port;
        q.vpn_group = group;
        TraceOutcome outcome = Trace(network, q);
        if (!outcome.result) {
          out.push_back(outcome.error);
          continue;
        }
        accepted += outcome.result->accepted();
        std::ostringstream json;
        WriteTraceJson(network, *outcome.result, json);
        out.push_back(json.str());
      }
  return out;
}

TEST(ClientVpnTrace, InboundRulesOfTheEndpointGroupsChangeNoClientTrace) {
  Network network = LoadSnapshot(kExample);
  int accepted_before = 0, accepted_after = 0;
  std::vector<std::string> before = VpnTraces(network, accepted_before);

  size_t removed = 0;
  for (auto& eni : network.network_interfaces) {
    const ManagedService* service = ServiceOfInterface(network, eni);
    if (!service || service->id != "client-vpn") continue;
    for (auto& group_id : eni.group_ids)
      for (auto& group : network.security_groups)
        if (group.id == group_id) removed += group.ingress.size(), group.ingress.clear();
  }
  ASSERT_GE(removed, 2u);  // the example opens 443/tcp and 443/udp to the world "for the users"
  std::vector<std::string> after = VpnTraces(network, accepted_after);

  ASSERT_EQ(before.size(), after.size());
  for (size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i], after[i]) << "flow #" << i;
  // The comparison means something only if the flows are a mix of allowed and denied ones.
  EXPECT_GT(accepted_before, 5);
  EXPECT_LT(accepted_before, static_cast<int>(before.size()));
  EXPECT_EQ(accepted_before, accepted_after);
}

// The converse: the endpoint group's OUTBOUND rules do decide. Without them no client reaches
// anything in the VPC.
TEST(ClientVpnTrace, OutboundRulesOfTheEndpointGroupsDecide) {
  Network network = LoadSnapshot(kExample);
  for (auto& group : network.security_groups)
    if (group.id == "sg-0c1a2b3c4d5e60062") group.egress.clear();
  int accepted = 0;
  VpnTraces(network, accepted);
  EXPECT_EQ(accepted, 0);
}

}  // namespace
}  // namespace sgscope
