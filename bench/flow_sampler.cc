// Flow sampling for bench_trace. The mix: over half the flows stay in the source's VPC
// (the common case), the rest go to other VPCs (peered or not), the internet, IPv6 peers
// and addresses no interface holds; ports come mostly from the well-known ones that rules
// name, so allowed and denied verdicts both occur often.

#include "flow_sampler.h"

#include <cstdio>
#include <map>

#include "random.h"

namespace sgscope::bench {

namespace {

const uint16_t kPorts[] = {22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9200, 27017, 3389, 53, 25, 9092, 8000};

// Draws the protocol and ports (or ICMP type) of a query.
void DrawTraffic(Rng& rng, bool ipv6, TraceQuery& q) {
  double r = rng.Unit();
  if (r < 0.70) {
    q.protocol = kProtoTcp;
    q.dst_port = rng.Chance(0.75) ? kPorts[rng.Below(std::size(kPorts))] : static_cast<uint16_t>(rng.Between(1, 65535));
  } else if (r < 0.85) {
    static const uint16_t kUdp[] = {53, 123, 500, 4500, 1194};
    q.protocol = kProtoUdp;
    q.dst_port = rng.Chance(0.7) ? kUdp[rng.Below(std::size(kUdp))] : static_cast<uint16_t>(rng.Between(1024, 65535));
  } else {
    bool unreachable = rng.Chance(0.2);
    q.protocol = ipv6 ? kProtoIcmpv6 : kProtoIcmp;
    q.icmp_type = ipv6 ? (unreachable ? 1 : 128) : (unreachable ? 3 : 8);
    q.icmp_code = unreachable ? 4 : 0;
  }
}

std::string InternetV4(Rng& rng) {
  static const int kFirstOctets[] = {8, 13, 23, 34, 52, 99, 104, 142, 151, 185};
  char text[32];
  std::snprintf(text, sizeof text, "%d.%u.%u.%u", kFirstOctets[rng.Below(std::size(kFirstOctets))], rng.Below(256),
                rng.Below(256), 1 + rng.Below(254));
  return text;
}

std::string InternetV6(Rng& rng) {
  char text[48];
  std::snprintf(text, sizeof text, "2a00:1450:4001:%x::%x", rng.Below(0xFFFF), 1 + rng.Below(0xFFFF));
  return text;
}

// An address inside a random subnet that AWS reserves (.3), so no interface holds it.
std::string UnheldAddress(Rng& rng, const Network& network) {
  const Subnet& subnet = network.subnets[rng.Below(network.subnets.size())];
  uint32_t base = subnet.cidrs.front().address().v4();
  return IpAddress::V4(base + 3).ToString();
}

// Picks the flows' endpoints from a list of candidate interfaces.
class Sampler {
 public:
  Sampler(const Network& network, uint64_t seed) : net_(network), rng_(seed, "flows") {
    for (auto& eni : network.network_interfaces)
      if (eni.interface_type != "nat_gateway" && eni.PrimaryIpv4()) {
        candidates_.push_back(&eni);
        by_vpc_[eni.vpc_id].push_back(&eni);
        if (!eni.ipv6.empty()) ipv6_by_vpc_[eni.vpc_id].push_back(&eni);
      }
  }

  SampledFlow Next() {
    const NetworkInterface& src = *Pick(candidates_);
    SampledFlow flow;
    flow.query.from = src.id;
    double r = rng_.Unit();
    if (r < 0.07 && !src.ipv6.empty()) {
      flow.kind = "ipv6";
      const auto& peers = ipv6_by_vpc_[src.vpc_id];
      flow.query.to = rng_.Chance(0.6) ? Pick(peers)->ipv6.front().ToString() : InternetV6(rng_);
    } else if (r < 0.60) {
      flow.kind = "same-vpc", flow.query.to = Pick(by_vpc_[src.vpc_id])->id;
    } else if (r < 0.75) {
      flow.kind = "other-vpc", flow.query.to = Pick(candidates_)->id;
    } else if (r < 0.96) {
      flow.kind = "internet", flow.query.to = InternetV4(rng_);
    } else {
      flow.kind = "unheld-address", flow.query.to = UnheldAddress(rng_, net_);
    }
    DrawTraffic(rng_, flow.kind == "ipv6", flow.query);
    return flow;
  }

 private:
  const NetworkInterface* Pick(const std::vector<const NetworkInterface*>& items) { return rng_.Pick(items); }

  const Network& net_;
  Rng rng_;
  std::vector<const NetworkInterface*> candidates_;
  std::map<std::string, std::vector<const NetworkInterface*>> by_vpc_, ipv6_by_vpc_;
};

}  // namespace

std::vector<SampledFlow> SampleFlows(const Network& network, uint64_t seed, int count) {
  std::vector<SampledFlow> flows;
  if (network.network_interfaces.empty() || network.subnets.empty()) return flows;
  Sampler sampler(network, seed);
  for (int i = 0; i < count; ++i) flows.push_back(sampler.Next());
  return flows;
}

}  // namespace sgscope::bench
