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

// Every VPN client flow's full JSON trace, one per line, for two client groups, and tallies.
struct VpnTraceRun {
  std::vector<std::string> traces;
  int accepted = 0, errors = 0, denied_by_endpoint_egress = 0;
};

VpnTraceRun VpnTraces(const Network& network) {
  VpnTraceRun run;
  for (const char* group : {"", "S-1-5-21-1111111111-2222222222-3333333333-1105"})
    for (auto& eni : network.network_interfaces)
      for (Probe probe : kProbes) {
        TraceQuery q;
        q.from = "10.250.1.7", q.to = eni.id, q.protocol = probe.protocol, q.dst_port = probe.port;
        if (*group) q.vpn_groups = {group};
        TraceOutcome outcome = Trace(network, q);
        if (!outcome.result) {
          ++run.errors;
          run.traces.push_back(outcome.error);
          continue;
        }
        run.accepted += outcome.result->accepted();
        for (auto& blocker : outcome.result->blockers)
          run.denied_by_endpoint_egress += blocker.rfind("DENIED_SG_EGRESS: sg-0c1a2b3c4d5e60062", 0) == 0;
        std::ostringstream json;
        WriteTraceJson(network, *outcome.result, json);
        run.traces.push_back(json.str());
      }
  return run;
}

TEST(ClientVpnTrace, InboundRulesOfTheEndpointGroupsChangeNoClientTrace) {
  Network network = LoadSnapshot(kExample);
  VpnTraceRun before = VpnTraces(network);

  size_t removed = 0;
  for (auto& eni : network.network_interfaces) {
    const ManagedService* service = ServiceOfInterface(network, eni);
    if (!service || service->id != "client-vpn") continue;
    for (auto& group_id : eni.group_ids)
      for (auto& group : network.security_groups)
        if (group.id == group_id) removed += group.ingress.size(), group.ingress.clear();
  }
  ASSERT_GE(removed, 2u);  // the example opens 443/tcp and 443/udp to the world "for the users"
  VpnTraceRun after = VpnTraces(network);

  ASSERT_EQ(before.traces.size(), after.traces.size());
  for (size_t i = 0; i < before.traces.size(); ++i) EXPECT_EQ(before.traces[i], after.traces[i]) << "flow #" << i;
  // The comparison means something only if the flows are a mix of allowed and denied ones.
  EXPECT_EQ(before.errors, 0);
  EXPECT_GT(before.accepted, 5);
  EXPECT_LT(before.accepted, static_cast<int>(before.traces.size()));
}

// The converse: the endpoint group's OUTBOUND rules do decide. Without them no client reaches
// anything in the VPC, and the endpoint interface's egress is what blocks every flow.
TEST(ClientVpnTrace, OutboundRulesOfTheEndpointGroupsDecide) {
  Network network = LoadSnapshot(kExample);
  for (auto& group : network.security_groups)
    if (group.id == "sg-0c1a2b3c4d5e60062") group.egress.clear();
  VpnTraceRun run = VpnTraces(network);
  EXPECT_EQ(run.errors, 0);
  EXPECT_EQ(run.accepted, 0);
  EXPECT_EQ(run.denied_by_endpoint_egress, static_cast<int>(run.traces.size()));
}

}  // namespace
}  // namespace sgscope
