// ec2 describe-instance-connect-endpoints (`InstanceConnectEndpoints`): the endpoint's
// subnet, interfaces and groups, and whether connections keep the client's address.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Ec2InstanceConnectEndpoint.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kEndpointIgnored[] = {"AvailabilityZoneId", "CreatedAt", "InstanceConnectEndpointArn",
                                                 "IpAddressType", "OwnerId", "PublicDnsNames", "StateMessage",
                                                 "Tags"};

void LoadEndpoint(JsonCursor& c) {
  InstanceConnectEndpoint endpoint;
  if (!ReadItemId(c, "InstanceConnectEndpointId", endpoint.id, "Instance Connect Endpoint")) return;
  c.ReadString("VpcId", endpoint.vpc_id);
  c.ReadString("SubnetId", endpoint.subnet_id, Need::kRequired);
  c.ReadString("State", endpoint.state);
  ReadStringList(c, "NetworkInterfaceIds", endpoint.network_interface_ids);
  ReadStringList(c, "SecurityGroupIds", endpoint.security_group_ids);
  c.ReadBool("PreserveClientIp", endpoint.preserve_client_ip);
  c.ReadString("DnsName", endpoint.dns_name);
  c.ReadString("FipsDnsName", endpoint.fips_dns_name);
  c.ReadString("AvailabilityZone", endpoint.availability_zone);
  AddItem(c, "Ec2InstanceConnectEndpoint", kEndpointIgnored, std::move(endpoint),
          c.context().network().instance_connect_endpoints);
}

}  // namespace

void LoadInstanceConnectEndpoints(JsonCursor& list) { list.ForEachElement(LoadEndpoint); }

}  // namespace sgscope::ingest
