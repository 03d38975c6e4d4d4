// The catalogue itself: one small entry per service, each claim with its AWS source. The
// recognition patterns come from aws-semantics.md §5.2–5.3 (OBSERVED in real describe output
// where AWS documents none); the inbound verdicts from §6–8.

#include "model/managed_service.h"

namespace sgscope {

namespace {

using SV = std::string_view;

constexpr SV kNone[] = {""};
constexpr SV kClientVpnDescriptions[] = {"ClientVPN Endpoint"};
constexpr SV kDirectoryDescriptions[] = {"AWS created network interface for directory"};
constexpr SV kEfsTypes[] = {"efs"};
constexpr SV kEfsDescriptions[] = {"EFS mount target"};
constexpr SV kEiceTypes[] = {"ec2_instance_connect_endpoint"};
constexpr SV kEcsDescriptions[] = {"arn:aws:ecs:"};
constexpr SV kLambdaTypes[] = {"lambda"};
constexpr SV kLambdaDescriptions[] = {"AWS Lambda VPC ENI"};
constexpr SV kLoadBalancerTypes[] = {"load_balancer", "network_load_balancer", "gateway_load_balancer"};
constexpr SV kLoadBalancerDescriptions[] = {"ELB "};
constexpr SV kLoadBalancerRequesters[] = {"amazon-elb"};
constexpr SV kNatTypes[] = {"nat_gateway", "natGateway"};
constexpr SV kNatDescriptions[] = {"Interface for NAT Gateway"};
constexpr SV kRdsDescriptions[] = {"RDSNetworkInterface", "Network interface for DBProxy"};
constexpr SV kRdsRequesters[] = {"amazon-rds"};
constexpr SV kTgwTypes[] = {"transit_gateway"};
constexpr SV kTgwDescriptions[] = {"Network Interface for Transit Gateway Attachment"};
constexpr SV kEndpointTypes[] = {"vpc_endpoint", "gateway_load_balancer_endpoint"};
constexpr SV kEndpointDescriptions[] = {"VPC Endpoint Interface"};

// Sorted by id. `kNone` stands for "no pattern of this kind" (an empty string never matches).
constexpr ManagedService kCatalogue[] = {
    {"client-vpn", "AWS Client VPN", kNone, kClientVpnDescriptions, kNone, InboundUse::kNotConsulted, false,
     "nothing from VPN clients: their traffic leaves the interface after source NAT",
     "client traffic, source-translated to the interface's private address, under its groups' outbound rules",
     "the VPN tunnel from clients ends on AWS-managed servers, not on this interface",
     "https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/client-authorization.html"},
    {"directory-service", "AWS Directory Service", kNone, kDirectoryDescriptions, kNone, InboundUse::kNeeded, true,
     "domain clients: DNS, Kerberos, LDAP, SMB and RPC to the domain controllers",
     "replies and trust traffic to other domains",
     "AWS's management reaches the controllers through a second adapter outside the account (198.18.0.0/15)",
     "https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_getting_started_prereqs.html"},
    {"ec2-instance-connect-endpoint", "EC2 Instance Connect Endpoint", kEiceTypes, kNone, kNone,
     InboundUse::kNotConsulted, true, "nothing: connections to the endpoint come from the service",
     "SSH/RDP to the target instances under its groups' outbound rules",
     "\"allowed regardless of the inbound rules for the endpoint security group\"",
     "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-security-groups.html"},
    {"ecs-task", "Amazon ECS task (awsvpc)", kNone, kEcsDescriptions, kNone, InboundUse::kNeeded, true,
     "clients of the task's containers", "the task's own connections", "",
     "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html"},
    {"efs", "Amazon EFS mount target", kEfsTypes, kEfsDescriptions, kNone, InboundUse::kNeeded, true,
     "NFS (TCP 2049) from clients", "replies only", "",
     "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html"},
    {"lambda", "AWS Lambda (Hyperplane interface)", kLambdaTypes, kLambdaDescriptions, kNone,
     InboundUse::kNotConsulted, true, "nothing: the interface only originates connections",
     "the function's connections under its groups' outbound rules",
     "\"connectivity from the Lambda VPC to your account VPC, but not in the other direction\"",
     "https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html", /*refusal_documented=*/true},
    {"load-balancer", "Elastic Load Balancing", kLoadBalancerTypes, kLoadBalancerDescriptions, kLoadBalancerRequesters,
     InboundUse::kNeeded, true, "clients on the listener ports (a Network Load Balancer without groups takes all)",
     "connections to the targets on their ports and health checks", "",
     "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html"},
    {"nat-gateway", "NAT gateway", kNatTypes, kNatDescriptions, kNone, InboundUse::kNoSecurityGroup, true,
     "connections to be translated (the subnet's network ACL applies)", "translated connections", "",
     "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html"},
    {"rds", "Amazon RDS", kNone, kRdsDescriptions, kRdsRequesters, InboundUse::kNeeded, true,
     "database clients on the database port", "replies only (\"outbound traffic rules typically don't apply\")",
     "", "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html"},
    {"transit-gateway", "Transit gateway attachment", kTgwTypes, kTgwDescriptions, kNone,
     InboundUse::kNoSecurityGroup, false, "traffic to other attached networks (no security group applies)",
     "traffic from other attached networks", "",
     "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html"},
    {"vpc-endpoint", "Interface VPC endpoint", kEndpointTypes, kEndpointDescriptions, kNone, InboundUse::kNeeded, true,
     "clients of the service, usually TCP 443", "replies only", "",
     "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html"},
};

bool Matches(std::span<const SV> patterns, std::string_view value, bool prefix) {
  for (SV p : patterns)
    if (!p.empty() && (prefix ? value.substr(0, p.size()) == p : value == p)) return true;
  return false;
}

}  // namespace

std::span<const ManagedService> ManagedServiceCatalogue() { return kCatalogue; }

const ManagedService* RecogniseService(const NetworkInterface& eni) {
  for (auto& s : kCatalogue)
    if (Matches(s.interface_types, eni.interface_type, false)) return &s;
  // Anyone may describe their own interface "ClientVPN Endpoint…"; only AWS sets RequesterManaged.
  if (!eni.requester_managed) return nullptr;
  for (auto& s : kCatalogue)
    if (Matches(s.description_prefixes, eni.description, true)) return &s;
  for (auto& s : kCatalogue)
    if (Matches(s.requester_ids, eni.requester_id, false)) return &s;
  return nullptr;
}

}  // namespace sgscope
