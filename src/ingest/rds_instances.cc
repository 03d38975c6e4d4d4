// rds describe-db-instances (`DBInstances`; Batfish stores the same response as
// RdsInstances.json): a DB instance's endpoint, DB subnet group and VPC security groups.
// An instance without a DBSubnetGroup runs in EC2-Classic, outside any VPC: counted, not kept.
// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kInstanceIgnored[] = {
    "ActivityStreamStatus", "AllocatedStorage", "AssociatedRoles", "AutoMinorVersionUpgrade", "AvailabilityZone",
    "BackupRetentionPeriod", "BackupTarget", "CACertificateIdentifier", "CertificateDetails", "CopyTagsToSnapshot",
    "CustomerOwnedIpEnabled", "DBClusterIdentifier", "DBInstanceClass", "DBName",
    "DBParameterGroups", "DBSecurityGroups", "DbInstancePort", "DbiResourceId", "DedicatedLogVolume",
    "DeletionProtection", "DomainMemberships", "EnabledCloudwatchLogsExports", "EngineLifecycleSupport",
    "EngineVersion", "EnhancedMonitoringResourceArn", "IAMDatabaseAuthenticationEnabled", "InstanceCreateTime",
    "Iops", "IsStorageConfigUpgradeAvailable", "KmsKeyId", "LatestRestorableTime", "LicenseModel",
    "ListenerEndpoint", "MasterUserSecret", "MasterUsername", "MaxAllocatedStorage", "MonitoringInterval",
    "MonitoringRoleArn", "MultiAZ", "NetworkType", "OptionGroupMemberships", "PendingModifiedValues",
    "PerformanceInsightsEnabled", "PerformanceInsightsKMSKeyId", "PerformanceInsightsRetentionPeriod",
    "PreferredBackupWindow", "PreferredMaintenanceWindow", "ProcessorFeatures", "PromotionTier",
    "ReadReplicaDBClusterIdentifiers", "ReadReplicaDBInstanceIdentifiers", "ReadReplicaSourceDBInstanceIdentifier",
    "SecondaryAvailabilityZone", "StatusInfos", "StorageEncrypted", "StorageThroughput", "StorageType",
    "TagList", "TdeCredentialArn", "Timezone"};
constexpr std::string_view kEndpointIgnored[] = {"HostedZoneId"};
constexpr std::string_view kSubnetGroupIgnored[] = {"DBSubnetGroupArn", "DBSubnetGroupDescription",
                                                    "SubnetGroupStatus", "SupportedNetworkTypes"};
constexpr std::string_view kSubnetIgnored[] = {"SubnetAvailabilityZone", "SubnetOutpost", "SubnetStatus"};

// DBSubnetGroup: the VPC and the subnets RDS may place the instance's interfaces in.
void ReadSubnetGroup(JsonCursor& group, RdsInstance& db) {
  group.ReadString("VpcId", db.vpc_id, Need::kRequired);
  group.ReadString("DBSubnetGroupName", db.subnet_group_name);
  group.ForEach("Subnets", [&](JsonCursor& subnet) {
    if (!subnet.ExpectObject()) return;
    std::string id;
    if (subnet.ReadString("SubnetIdentifier", id, Need::kRequired)) db.subnet_ids.push_back(std::move(id));
    subnet.CheckFields("Subnet", kSubnetIgnored);
  });
  group.CheckFields("DBSubnetGroup", kSubnetGroupIgnored);
}

void LoadInstance(JsonCursor& c) {
  RdsInstance db;
  if (!ReadItemId(c, "DBInstanceIdentifier", db.identifier, "DB instance")) return;
  if (!c.ReadString("DBInstanceArn", db.id)) db.id = db.identifier;
  if (!c.Object("DBSubnetGroup", [&](JsonCursor& group) { ReadSubnetGroup(group, db); })) {
    c.context().NoteOnce(Severity::kInfo, "DBInstance\x1f" "classic",
                         "DB instance without a DBSubnetGroup runs in EC2-Classic, outside any VPC; not modelled", c);
    c.context().Skip("DB instance outside a VPC");
    return;
  }
  c.ReadString("Engine", db.engine);
  c.ReadString("DBInstanceStatus", db.status);
  c.Object("Endpoint", [&](JsonCursor& endpoint) {
    endpoint.ReadString("Address", db.endpoint_address);
    db.port = ReadPort(endpoint, "Port");
    endpoint.CheckFields("Endpoint", kEndpointIgnored);
  });
  c.ForEach("VpcSecurityGroups", [&](JsonCursor& membership) {
    RdsSecurityGroup group;
    if (!membership.ExpectObject() || !membership.ReadString("VpcSecurityGroupId", group.group_id, Need::kRequired))
      return;
    membership.ReadString("Status", group.status);
    membership.CheckFields("VpcSecurityGroupMembership", FieldList{});
    db.security_groups.push_back(std::move(group));
  });
  c.ReadBool("PubliclyAccessible", db.publicly_accessible);
  AddItem(c, "DBInstance", kInstanceIgnored, std::move(db), c.context().network().rds_instances);
}

}  // namespace

void LoadDbInstances(JsonCursor& list) { list.ForEachElement(LoadInstance); }

}  // namespace sgscope::ingest
