// Names of route target kinds as printed in traces and JSON.

#include "model/route_table.h"

namespace sgscope {

const char* RouteTargetKindName(RouteTargetKind k) {
  switch (k) {
    case RouteTargetKind::kLocal: return "local";
    case RouteTargetKind::kInternetGateway: return "internet-gateway";
    case RouteTargetKind::kEgressOnlyInternetGateway: return "egress-only-internet-gateway";
    case RouteTargetKind::kVpnGateway: return "vpn-gateway";
    case RouteTargetKind::kNatGateway: return "nat-gateway";
    case RouteTargetKind::kTransitGateway: return "transit-gateway";
    case RouteTargetKind::kVpcPeering: return "vpc-peering-connection";
    case RouteTargetKind::kNetworkInterface: return "network-interface";
    case RouteTargetKind::kInstance: return "instance";
    case RouteTargetKind::kGatewayEndpoint: return "gateway-endpoint";
    case RouteTargetKind::kGatewayLoadBalancerEndpoint: return "gateway-load-balancer-endpoint";
    case RouteTargetKind::kLocalGateway: return "local-gateway";
    case RouteTargetKind::kCarrierGateway: return "carrier-gateway";
    case RouteTargetKind::kCoreNetwork: return "core-network";
    case RouteTargetKind::kUnknown: return "unknown";
  }
  return "unknown";
}

}  // namespace sgscope
