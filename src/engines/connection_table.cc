// Connection-tracking entries and their idle timeouts. Timeouts come from the interface's
// ConnectionTrackingConfiguration, else AWS's defaults (TCP established 432000 s, UDP 30 s,
// UDP stream 180 s); other protocols 600 s; ICMP is undocumented and assumed 30 s:
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html

#include "engines/connection_table.h"

#include <utility>

namespace sgscope {

namespace {

constexpr std::chrono::seconds kTcpEstablishedDefault{432000};
constexpr std::chrono::seconds kUdpDefault{30};
constexpr std::chrono::seconds kUdpStreamDefault{180};
constexpr std::chrono::seconds kOtherProtocols{600};

IdleTimeout Setting(const char* name, const std::optional<std::chrono::seconds>& set, std::chrono::seconds fallback) {
  std::chrono::seconds value = set.value_or(fallback);
  return {value, std::string(name) + " " + std::to_string(value.count()) + " s" + (set ? "" : " (default)")};
}

bool SameDirection(const Packet& a, const Packet& b) { return a.src == b.src && a.src_port == b.src_port; }

}  // namespace

FlowKey FlowKey::Of(const Packet& p) {
  FlowKey k;
  k.protocol = p.protocol;
  bool ports = p.has_ports();
  std::pair<IpAddress, uint16_t> src{p.src, ports ? p.src_port : 0}, dst{p.dst, ports ? p.dst_port : 0};
  if (dst < src) std::swap(src, dst);
  k.low = src.first, k.low_port = src.second, k.high = dst.first, k.high_port = dst.second;
  if (p.is_icmp()) k.icmp_query = p.IcmpQueryType();
  return k;
}

IdleTimeout TrackedFlow::Timeout(const ConnectionTrackingTimeouts& t) const {
  switch (first.protocol) {
    case kProtoTcp: return Setting("TcpEstablishedTimeout", t.tcp_established, kTcpEstablishedDefault);
    case kProtoUdp:
      return transactions > 1 ? Setting("UdpStreamTimeout", t.udp_stream, kUdpStreamDefault)
                              : Setting("UdpTimeout", t.udp, kUdpDefault);
    case kProtoIcmp:
    case kProtoIcmpv6:
      return {kAssumedIcmpTimeout, "ICMP " + std::to_string(kAssumedIcmpTimeout.count()) + " s (assumed, UNCONFIRMED)"};
    default: return {kOtherProtocols, "600 s (protocols other than TCP, UDP and ICMP)"};
  }
}

const TrackedFlow* ConnectionTable::Find(const std::string& eni_id, const Packet& packet) const {
  auto it = flows_.find({eni_id, FlowKey::Of(packet)});
  return it == flows_.end() ? nullptr : &it->second;
}

const TrackedFlow& ConnectionTable::Refresh(const std::string& eni_id, const Packet& packet, std::chrono::seconds now) {
  TrackedFlow& flow = flows_.at({eni_id, FlowKey::Of(packet)});
  flow.last_seen = now;
  if (SameDirection(packet, flow.first)) {
    flow.awaiting_response = true;
  } else if (flow.awaiting_response) {
    ++flow.transactions;
    flow.awaiting_response = false;
  }
  return flow;
}

const TrackedFlow& ConnectionTable::Start(const std::string& eni_id, const Packet& packet, std::chrono::seconds now,
                                          std::string created_by) {
  TrackedFlow& flow = flows_[{eni_id, FlowKey::Of(packet)}];
  flow = TrackedFlow{now, now, std::move(created_by), packet};
  return flow;
}

}  // namespace sgscope
