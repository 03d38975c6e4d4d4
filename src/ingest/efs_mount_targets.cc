// efs describe-mount-targets (`MountTargets`): where a file system is reachable, through
// which interface. Their groups (describe-mount-target-security-groups) are not read: that
// response's `SecurityGroups` is a list of ids under EC2's key for whole groups, and the
// mount target's interface carries the same groups anyway.
// https://docs.aws.amazon.com/efs/latest/ug/API_MountTargetDescription.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kMountTargetIgnored[] = {"AvailabilityZoneName", "OwnerId"};

void LoadMountTarget(JsonCursor& c) {
  EfsMountTarget target;
  if (!ReadItemId(c, "MountTargetId", target.id, "EFS mount target")) return;
  c.ReadString("FileSystemId", target.file_system_id);
  c.ReadString("SubnetId", target.subnet_id, Need::kRequired);
  c.ReadString("VpcId", target.vpc_id);
  target.ipv4 = ReadAddress(c, "IpAddress", IpFamily::kV4);
  target.ipv6 = ReadAddress(c, "Ipv6Address", IpFamily::kV6);
  c.ReadString("NetworkInterfaceId", target.network_interface_id);
  c.ReadString("AvailabilityZoneId", target.availability_zone_id);
  c.ReadString("LifeCycleState", target.state);
  AddItem(c, "MountTargetDescription", kMountTargetIgnored, std::move(target),
          c.context().network().efs_mount_targets);
}

}  // namespace

void LoadEfsMountTargets(JsonCursor& list) { list.ForEachElement(LoadMountTarget); }

}  // namespace sgscope::ingest
