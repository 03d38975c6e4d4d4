#include "model/managed_service.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sgscope {
namespace {

NetworkInterface Eni(std::string type, std::string description, std::string requester = "") {
  NetworkInterface e;
  e.interface_type = std::move(type);
  e.description = std::move(description);
  e.requester_id = std::move(requester);
  e.requester_managed = true;
  return e;
}

std::string_view Id(const NetworkInterface& eni) {
  const ManagedService* s = RecogniseService(eni);
  return s ? s->id : "";
}

TEST(ManagedServiceCatalogue, SortedUniqueIdsEachWithASource) {
  auto catalogue = ManagedServiceCatalogue();
  EXPECT_TRUE(std::is_sorted(catalogue.begin(), catalogue.end(),
                             [](auto& a, auto& b) { return a.id < b.id; }));
  for (size_t i = 1; i < catalogue.size(); ++i) EXPECT_NE(catalogue[i - 1].id, catalogue[i].id);
  for (auto& s : catalogue) EXPECT_EQ(s.source.substr(0, 8), "https://") << s.id;
}

// Shapes seen in real describe-network-interfaces output (aws-semantics.md §5.2-5.3, Batfish snapshots).
TEST(ManagedServiceCatalogue, RecognisesServiceInterfaces) {
  EXPECT_EQ(Id(Eni("interface", "ClientVPN Endpoint resource cvpn-endpoint-0123")), "client-vpn");
  EXPECT_EQ(Id(Eni("interface", "AWS created network interface for directory d-1234567890")), "directory-service");
  EXPECT_EQ(Id(Eni("interface", "RDSNetworkInterface", "amazon-rds")), "rds");
  EXPECT_EQ(Id(Eni("interface", "", "amazon-rds")), "rds");
  EXPECT_EQ(Id(Eni("network_load_balancer", "ELB net/test-lb/725b996cb6be8fba")), "load-balancer");
  EXPECT_EQ(Id(Eni("interface", "ELB app/web/50dc6c495c0c9188", "amazon-elb")), "load-balancer");
  EXPECT_EQ(Id(Eni("vpc_endpoint", "VPC Endpoint Interface vpce-083c683a6be29b889")), "vpc-endpoint");
  EXPECT_EQ(Id(Eni("nat_gateway", "Interface for NAT Gateway nat-07ab4846da51f4612")), "nat-gateway");
  EXPECT_EQ(Id(Eni("transit_gateway", "Network Interface for Transit Gateway Attachment tgw-attach-1")),
            "transit-gateway");
  EXPECT_EQ(Id(Eni("lambda", "AWS Lambda VPC ENI-fn-1234")), "lambda");
  EXPECT_EQ(Id(Eni("interface", "EFS mount target for fs-1 (fsmt-1)")), "efs");
  EXPECT_EQ(Id(Eni("ec2_instance_connect_endpoint", "")), "ec2-instance-connect-endpoint");
  EXPECT_EQ(Id(Eni("interface", "arn:aws:ecs:us-east-1:111122223333:attachment/abc")), "ecs-task");
  EXPECT_EQ(Id(Eni("interface", "Primary network interface")), "");
}

TEST(ManagedServiceCatalogue, InboundVerdictsFollowTheFactSheet) {
  EXPECT_EQ(RecogniseService(Eni("interface", "ClientVPN Endpoint x"))->inbound, InboundUse::kNotConsulted);
  EXPECT_FALSE(RecogniseService(Eni("interface", "ClientVPN Endpoint x"))->confirmed);  // §6: UNCONFIRMED
  EXPECT_EQ(RecogniseService(Eni("ec2_instance_connect_endpoint", ""))->inbound, InboundUse::kNotConsulted);
  EXPECT_EQ(RecogniseService(Eni("lambda", ""))->inbound, InboundUse::kNotConsulted);
  EXPECT_EQ(RecogniseService(Eni("interface", "RDSNetworkInterface"))->inbound, InboundUse::kNeeded);
  EXPECT_EQ(RecogniseService(Eni("nat_gateway", ""))->inbound, InboundUse::kNoSecurityGroup);
}

}  // namespace
}  // namespace sgscope
