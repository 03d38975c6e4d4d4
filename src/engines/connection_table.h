#pragma once
// Per-interface connection-tracking state for the simulator: which flows each interface
// tracks, since when, and when an idle one expires (aws-semantics.md §2).

#include <chrono>
#include <compare>
#include <map>
#include <string>

#include "model/network_interface.h"
#include "net/packet.h"

namespace sgscope {

// What identifies a flow at an interface, the same for both directions: the protocol and
// its two ends in a fixed order. TCP/UDP ends carry ports; ICMP carries the query type
// (a reply files with its request); other protocols are tracked by addresses alone.
struct FlowKey {
  uint8_t protocol = 0;
  IpAddress low, high;
  uint16_t low_port = 0, high_port = 0;
  uint8_t icmp_query = 0;
  auto operator<=>(const FlowKey&) const = default;

  static FlowKey Of(const Packet& packet);
};

// An idle timeout and the name of the setting it comes from, for explanations.
struct IdleTimeout {
  std::chrono::seconds value;
  std::string setting;  // "TcpEstablishedTimeout 432000 s (default)"
};

// One tracked flow at one interface.
struct TrackedFlow {
  std::chrono::seconds created{0};
  std::chrono::seconds last_seen{0};
  std::string created_by;  // the rule that allowed the first packet: "sg-1[ingress #0]"
  Packet first;            // the packet that opened the flow; its direction is the "request"
  int transactions = 0;    // completed request/response exchanges (UDP stream detection)
  bool awaiting_response = true;

  // The idle timeout that applies now. TCP state is not modelled: every tracked TCP flow
  // counts as established. UDP is a stream after more than one request/response; ICMP's
  // timeout is UNCONFIRMED (assumed 30 s); other protocols 600 s.
  IdleTimeout Timeout(const ConnectionTrackingTimeouts& timeouts) const;
  std::chrono::seconds ExpiresAt(const ConnectionTrackingTimeouts& timeouts) const {
    return last_seen + Timeout(timeouts).value;
  }
  // Live until it has been idle for its whole timeout.
  bool LiveAt(std::chrono::seconds now, const ConnectionTrackingTimeouts& timeouts) const {
    return now < ExpiresAt(timeouts);
  }
};

// The assumed ICMP idle timeout (aws-semantics.md §2: UNCONFIRMED; Linux conntrack's default).
inline constexpr std::chrono::seconds kAssumedIcmpTimeout{30};

// Every interface's tracked flows, expired ones kept until replaced so that a denial can say
// when its flow expired. Ordered maps keep every listing deterministic.
class ConnectionTable {
 public:
  // The flow `packet` belongs to at `eni_id`, live or expired; null when none was tracked.
  const TrackedFlow* Find(const std::string& eni_id, const Packet& packet) const;
  // Counts `packet` (either direction) at `now` on its live flow.
  const TrackedFlow& Refresh(const std::string& eni_id, const Packet& packet, std::chrono::seconds now);
  // Starts tracking the flow `packet` opens, replacing an expired entry.
  const TrackedFlow& Start(const std::string& eni_id, const Packet& packet, std::chrono::seconds now,
                           std::string created_by);

 private:
  std::map<std::pair<std::string, FlowKey>, TrackedFlow> flows_;
};

}  // namespace sgscope
