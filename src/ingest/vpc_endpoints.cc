// describe-vpc-endpoints. Interface endpoints put ENIs (with security groups) in
// subnets; gateway endpoints (S3, DynamoDB) are route targets named by their vpce- id;
// Gateway Load Balancer endpoints are route targets too.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kEndpointIgnored[] = {
    "CreationTimestamp", "DnsEntries", "DnsOptions", "FailureReason", "IpAddressType", "Ipv4Prefixes",
    "Ipv6Prefixes", "LastError", "OwnerId", "PolicyDocument", "PrivateDnsEnabled", "RequesterManaged",
    "ResourceConfigurationArn", "ServiceNetworkArn", "ServiceRegion", "Tags"};

void LoadEndpoint(JsonCursor& c) {
  VpcEndpoint endpoint;
  if (!ReadItemId(c, "VpcEndpointId", endpoint.id, "VPC endpoint")) return;
  c.ReadString("VpcEndpointType", endpoint.type);
  c.ReadString("VpcId", endpoint.vpc_id);
  c.ReadString("ServiceName", endpoint.service_name);
  c.ReadString("State", endpoint.state);
  ReadStringList(c, "SubnetIds", endpoint.subnet_ids);
  ReadStringList(c, "RouteTableIds", endpoint.route_table_ids);
  ReadStringList(c, "NetworkInterfaceIds", endpoint.network_interface_ids);
  ReadIdList(c, "Groups", "GroupId", endpoint.group_ids);
  AddItem(c, "VpcEndpoint", kEndpointIgnored, std::move(endpoint), c.context().network().vpc_endpoints);
}

}  // namespace

void LoadVpcEndpoints(JsonCursor& list) { list.ForEachElement(LoadEndpoint); }

}  // namespace sgscope::ingest
