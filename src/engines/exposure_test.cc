// Exposure is computed with sets; trace walks one packet at a time through the same rules. On
// every snapshot at hand, every interface with a public address and a grid of internet sources,
// protocols and ports, the two must agree: the set contains the flow iff the trace accepts it.

#include "engines/exposure.h"

#include <gtest/gtest.h>

#include "engines/test_snapshots.h"
#include "engines/trace.h"
#include "ingest/snapshot_loader.h"
#include "model/interface_owner.h"

namespace sgscope {
namespace {

struct Probe {
  uint8_t protocol;
  uint16_t port;  // ICMP: the type (echo request)
};

TEST(Exposure, AgreesWithTraceOnEverySnapshot) {
  const Probe kProbes[] = {{kProtoTcp, 22},  {kProtoTcp, 80},   {kProtoTcp, 443}, {kProtoTcp, 3389},
                           {kProtoTcp, 5432}, {kProtoUdp, 53},  {kProtoUdp, 443}, {kProtoIcmp, 8},
                           {kProtoIcmpv6, 128}};
  const char* kSources[] = {"203.0.113.10", "192.0.2.5", "8.8.8.8", "2001:db8:ffff::10", "2600:1f18::99"};
  int compared = 0, accepted = 0;
  for (const auto& snapshot : TestSnapshots()) {
    Network n = LoadSnapshot(snapshot);
    ExposureReport report = ComputeExposure(n);
    // No ICMP to an IPv6 address, no ICMPv6 to an IPv4 one (trace refuses either), whatever the rules.
    for (auto& e : report.exposed) {
      uint8_t other_icmp = e.public_address.is_v4() ? kProtoIcmpv6 : kProtoIcmp;
      for (uint16_t echo : {uint16_t{8 << 8}, uint16_t{128 << 8}})
        EXPECT_TRUE(e.flows.At(other_icmp, echo).empty()) << snapshot.filename() << " " << e.eni->id << " at "
                                                          << e.public_address.ToString();
    }
    for (auto& eni : n.network_interfaces) {
      const ManagedService* service = ServiceOfInterface(n, eni);
      if (service && (service->inbound != InboundUse::kNeeded || service->id == "load-balancer")) continue;
      std::vector<IpAddress> publics;
      for (auto& a : eni.ipv4)
        if (a.public_ip) publics.push_back(*a.public_ip);
      for (auto& a : eni.ipv6)
        if (!IsInternalSpace(IpPrefix::Host(a))) publics.push_back(a);
      for (IpAddress target : publics)
        for (const char* source_text : kSources)
          for (Probe probe : kProbes) {
            IpAddress source = *IpAddress::Parse(source_text);
            bool icmp = probe.protocol == kProtoIcmp || probe.protocol == kProtoIcmpv6;
            if (source.family() != target.family() || (icmp && (probe.protocol == kProtoIcmpv6) != target.is_v6()))
              continue;
            TraceQuery q;
            q.from = source_text, q.to = target.ToString(), q.protocol = probe.protocol, q.explain = false;
            if (icmp) q.icmp_type = static_cast<uint8_t>(probe.port);
            else q.dst_port = probe.port;
            TraceOutcome outcome = Trace(n, q);
            ASSERT_TRUE(outcome.result) << outcome.error;
            uint16_t service_point = icmp ? static_cast<uint16_t>(probe.port << 8) : probe.port;
            bool in_set = false;
            for (auto& e : report.exposed)
              if (e.eni == &eni && e.public_address == target)
                in_set = e.flows.At(probe.protocol, service_point).Contains(source);
            EXPECT_EQ(in_set, outcome.result->accepted())
                << snapshot.filename() << " " << source_text << " -> " << target.ToString() << " "
                << ProtocolName(probe.protocol) << " " << probe.port << ": trace says "
                << DispositionName(outcome.result->disposition);
            ++compared, accepted += outcome.result->accepted();
          }
    }
  }
  EXPECT_GT(compared, 200);
  EXPECT_GT(accepted, 10);  // the comparison covers exposed flows, not only denied ones
}

}  // namespace
}  // namespace sgscope
