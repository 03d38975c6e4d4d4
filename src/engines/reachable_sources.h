#pragma once
// The sources that can reach the interfaces carrying a security group, for each service, when the
// carriers' own groups are taken as admitting everything: what the network (routes, gateways,
// network ACLs, the sources' own groups, the return path) lets through to them. `why` uses it to
// find inbound rules that admit more than can ever arrive (docs/why.md, wider-than-reachable).

#include <string>
#include <unordered_map>
#include <vector>

#include "engines/reach.h"
#include "model/network.h"
#include "net/address_set.h"
#include "net/service_set.h"

namespace sgscope {

// One class of sources (reach's endpoint classes, or address space routed in from outside the
// snapshot's VPCs) and the services with which it reaches at least one carrier.
struct SourceReach {
  enum class Kind : uint8_t { kInterfaces, kInternet, kVpnClients, kRouted };
  Kind kind = Kind::kInterfaces;
  std::string label;     // "eni-… (+2 alike)", "internet", "vpn:cvpn-endpoint-…", "routed via pcx-…"
  AddressSet addresses;  // interfaces: their private IPv4 addresses; routed: the routed space
  // The addresses reach judges the class by (interfaces: primary private IPv4); the rest only follow.
  AddressSet judged;
  std::vector<const NetworkInterface*> members;  // kInterfaces
  ServiceSet reaches;  // routed: all services (taken as reaching: nothing beyond the route is known)
};

// What reaches one peer (an address set) of one inbound rule (a service set).
struct PeerReach {
  AddressSet admitted_sources;  // the peer's addresses that some source of the snapshot holds
  AddressSet reachable;         // the peer's addresses that reach a carrier for some of the services
  std::vector<const SourceReach*> from;                // the classes holding `reachable`
  std::vector<const SourceReach*> unreached;           // admitted classes that cannot reach
  std::vector<const NetworkInterface*> interfaces;     // the interface sources among them, by id
  bool only_interfaces = true;                          // no internet, VPN or routed source among them
  // The peer's addresses that open no connection toward the carriers (AWS service ranges behind a
  // gateway endpoint, NAT gateways' own addresses): no admitted source; a proposal keeps them.
  AddressSet unjudged;
};

// What the network delivers from every source population (every interface class, every internet
// block, each Client VPN endpoint's clients in every directory group it authorizes) to each class
// of a set of destinations, the destinations' own groups taken as admitting everything. Computed
// once, without explanations (reach's compiled path), and shared by the CarrierReach of every
// group among the destinations: an audit asks it of every group.
class DeliveryTable {
 public:
  // `to`: a reach selector for the destinations: "all" for every group, "sg:…" for one.
  DeliveryTable(const Network& network, const std::string& to);

  // One source population toward the destinations.
  struct Population {
    ReachMatrix matrix;
    std::vector<SourceReach> sources;  // per source class, `reaches` empty
    std::vector<bool> unknown;         // per source class: its subnet's route table is missing
    std::unordered_map<const NetworkInterface*, size_t> destination_of;  // interface -> its class
  };
  const std::vector<Population>& populations() const { return populations_; }

 private:
  void Add(const Network& n, const std::string& from, const std::vector<std::string>& vpn_groups,
           const std::vector<EndpointClass>& destinations);
  std::vector<Population> populations_;
};

// Reach toward the carriers of one group that consult inbound rules.
class CarrierReach {
 public:
  // `carriers`: the interfaces whose inbound rules are judged (all carry `group_id`); `delivery`
  // holds the classes of every carrier (toward "all" or "sg:<group_id>").
  CarrierReach(const Network& network, const std::string& group_id, const std::vector<const NetworkInterface*>& carriers,
               const DeliveryTable& delivery);

  // False when a carrier's subnet or route table is not in the snapshot (a partial export, or a
  // network built in code): what reaches it is unknown, and For must not be asked.
  bool known() const { return known_; }
  // IPv4 only (reach's limit): `peer` must hold no IPv6 address.
  PeerReach For(const AddressSet& peer, const ServiceSet& services) const;

 private:
  void AddReach(const DeliveryTable::Population& population);
  void AddRouted(const Network& n);

  std::string group_id_;
  bool known_ = true;
  std::vector<const NetworkInterface*> carriers_;
  std::vector<SourceReach> sources_;
  AddressSet unjudged_;  // gateway endpoint destinations of the carriers' route tables, NAT gateways
};

// The private IPv4 addresses of an interface (primary and secondary).
AddressSet PrivateIpv4Of(const NetworkInterface& eni);

}  // namespace sgscope
