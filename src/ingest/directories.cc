// ds describe-directories: Directory Service directories and where they sit in a VPC
// (VpcSettings for Microsoft AD and Simple AD, ConnectSettings for AD Connector, and the
// owner's for a shared directory).
// https://docs.aws.amazon.com/directoryservice/latest/devguide/API_DirectoryDescription.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kDirectoryIgnored[] = {
    "AccessUrl", "Alias", "Description", "DesiredNumberOfDomainControllers", "HybridSettings", "LaunchTime",
    "NetworkType", "RadiusSettings", "RadiusStatus", "RegionsInfo", "ShareMethod", "ShareNotes", "ShareStatus",
    "ShortName", "Size", "SsoEnabled", "StageLastUpdatedDateTime", "StageReason"};
constexpr std::string_view kOwnerIgnored[] = {"RadiusSettings", "RadiusStatus"};

// VpcSettings / ConnectSettings (shape `shape`) of member `key`, when present.
void ReadPlacement(JsonCursor& c, std::string_view key, std::string_view shape,
                   std::optional<DirectoryPlacement>& out) {
  c.Object(key, [&](JsonCursor& settings) {
    DirectoryPlacement p;
    settings.ReadString("VpcId", p.vpc_id);
    ReadStringList(settings, "SubnetIds", p.subnet_ids);
    settings.ReadString("SecurityGroupId", p.security_group_id);
    ReadStringList(settings, "AvailabilityZones", p.availability_zones);
    ReadAddressList(settings, "CustomerDnsIps", p.customer_dns_ips);
    ReadAddressList(settings, "ConnectIps", p.connect_ips);
    settings.CheckFields(shape, FieldList{});
    out = std::move(p);
  });
}

void LoadDirectory(JsonCursor& c) {
  Directory directory;
  if (!ReadItemId(c, "DirectoryId", directory.id, "directory")) return;
  c.ReadString("Name", directory.name);
  c.ReadString("Type", directory.type);
  c.ReadString("Edition", directory.edition);
  c.ReadString("Stage", directory.stage);
  ReadAddressList(c, "DnsIpAddrs", directory.dns_ips);
  ReadPlacement(c, "VpcSettings", "DirectoryVpcSettingsDescription", directory.vpc);
  ReadPlacement(c, "ConnectSettings", "DirectoryConnectSettingsDescription", directory.connector);
  c.Object("OwnerDirectoryDescription", [&](JsonCursor& owner) {
    owner.ReadString("DirectoryId", directory.owner_directory_id);
    owner.ReadString("AccountId", directory.owner_account_id);
    ReadAddressList(owner, "DnsIpAddrs", directory.owner_dns_ips);
    ReadPlacement(owner, "VpcSettings", "DirectoryVpcSettingsDescription", directory.owner_vpc);
    owner.CheckFields("OwnerDirectoryDescription", kOwnerIgnored);
  });
  AddItem(c, "DirectoryDescription", kDirectoryIgnored, std::move(directory), c.context().network().directories);
}

}  // namespace

void LoadDirectories(JsonCursor& list) { list.ForEachElement(LoadDirectory); }

}  // namespace sgscope::ingest
