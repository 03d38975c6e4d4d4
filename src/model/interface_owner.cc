// Interface ownership from the attributes AWS reports. InterfaceType is checked first
// where it is specific; Description prefixes (aws-semantics.md §5.3, OBSERVED in real
// output) identify the requester-managed services that report type "interface".

#include "model/interface_owner.h"

#include <string_view>

namespace sgscope {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

struct TypeRule {
  const char* interface_type;
  const char* owner;
};

// InterfaceType values: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html
constexpr TypeRule kByType[] = {
    {"nat_gateway", "nat-gateway"},      {"natGateway", "nat-gateway"},
    {"load_balancer", "load-balancer"},  {"network_load_balancer", "load-balancer"},
    {"gateway_load_balancer", "load-balancer"}, {"vpc_endpoint", "vpc-endpoint"},
    {"gateway_load_balancer_endpoint", "vpc-endpoint"}, {"transit_gateway", "transit-gateway"},
    {"lambda", "lambda"},                {"efs", "efs"},
};

struct DescriptionRule {
  const char* prefix;
  const char* owner;
};

constexpr DescriptionRule kByDescription[] = {
    {"Interface for NAT Gateway", "nat-gateway"},
    {"ELB ", "load-balancer"},
    {"VPC Endpoint Interface", "vpc-endpoint"},
    {"Network Interface for Transit Gateway Attachment", "transit-gateway"},
    {"AWS Lambda VPC ENI", "lambda"},
    {"ClientVPN Endpoint", "client-vpn"},
    {"AWS created network interface for directory", "directory-service"},
    {"RDSNetworkInterface", "rds"},
    {"EFS mount target", "efs"},
};

}  // namespace

std::string InterfaceOwnerKind(const NetworkInterface& eni) {
  for (auto& r : kByType)
    if (eni.interface_type == r.interface_type) return r.owner;
  for (auto& r : kByDescription)
    if (StartsWith(eni.description, r.prefix)) return r.owner;
  if (eni.requester_id == "amazon-rds") return "rds";
  if (eni.requester_id == "amazon-elb") return "load-balancer";
  if (eni.requester_managed) return "other-managed";
  if (!eni.attached_instance_id.empty()) return "instance";
  return "unattached";
}

}  // namespace sgscope
