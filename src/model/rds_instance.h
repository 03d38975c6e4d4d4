#pragma once
// Amazon RDS DB instances (rds describe-db-instances): where a database's interfaces sit
// (its DB subnet group) and which VPC security groups guard them. The interfaces themselves
// are requester-managed ENIs described "RDSNetworkInterface"; see docs/managed-services.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/source_ref.h"

namespace sgscope {

// A VPC security group of a DB instance (VpcSecurityGroupMembership).
struct RdsSecurityGroup {
  std::string group_id;  // VpcSecurityGroupId
  std::string status;    // Status: active|adding|removing...
};

// A DB instance in a VPC. EC2-Classic instances (no DBSubnetGroup) are counted, not kept.
struct RdsInstance {
  // DBInstanceArn, unique across accounts (identifiers are unique per account and region only);
  // the identifier when the snapshot has no ARN.
  std::string id;
  std::string identifier;                   // DBInstanceIdentifier
  std::string engine;                       // Engine: mysql|postgres|aurora-mysql|...
  std::string status;                       // DBInstanceStatus: available|creating|stopped|...
  std::string endpoint_address;             // Endpoint.Address: a DNS name, not an IP address
  std::optional<uint16_t> port;             // Endpoint.Port: the port clients connect to
  std::string vpc_id;                       // DBSubnetGroup.VpcId
  std::string subnet_group_name;            // DBSubnetGroup.DBSubnetGroupName
  std::vector<std::string> subnet_ids;      // DBSubnetGroup.Subnets[].SubnetIdentifier
  std::vector<RdsSecurityGroup> security_groups;  // VpcSecurityGroups
  bool publicly_accessible = false;         // PubliclyAccessible: its DNS name resolves to a public address
  SourceRef source;
};

}  // namespace sgscope
