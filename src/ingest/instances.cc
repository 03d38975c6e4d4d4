// describe-instances (Reservations[].Instances[]). Security groups live on interfaces,
// so an instance is mostly a name for its interfaces. Snapshots without
// describe-network-interfaces still carry each instance's interfaces in the same shape,
// so they are loaded from there too; the merge drops such a copy when the interface
// also came from describe-network-interfaces, which is the authoritative view (it also
// has AvailabilityZone, RequesterManaged...).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html

#include "ingest/field_values.h"
#include "ingest/fold_by_id.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kReservationsKey = "Reservations";
constexpr std::string_view kReservationIgnored[] = {"Groups", "RequesterId", "ReservationId"};
constexpr std::string_view kInstanceIgnored[] = {
    "AmiLaunchIndex", "Architecture", "BlockDeviceMappings", "BootMode", "CapacityBlockId",
    "CapacityReservationId", "CapacityReservationSpecification", "ClientToken", "CpuOptions",
    "CurrentInstanceBootMode", "EbsOptimized", "ElasticGpuAssociations", "ElasticInferenceAcceleratorAssociations",
    "EnaSupport", "EnclaveOptions", "HibernationOptions", "Hypervisor", "IamInstanceProfile", "ImageId",
    "InstanceLifecycle", "InstanceType", "Ipv6Address", "KernelId", "KeyName", "LaunchTime", "Licenses",
    "MaintenanceOptions", "MetadataOptions", "Monitoring", "NetworkPerformanceOptions", "Operator",
    "OutpostArn", "Platform", "PlatformDetails", "PrivateDnsName", "PrivateDnsNameOptions", "PrivateIpAddress",
    "ProductCodes", "PublicDnsName", "PublicIpAddress", "RamdiskId", "RootDeviceName", "RootDeviceType",
    "SecondaryInterfaces", "SecurityGroups", "SourceDestCheck", "SpotInstanceRequestId", "SriovNetSupport",
    "StateReason", "StateTransitionReason", "TpmSupport", "UsageOperation", "UsageOperationUpdateTime",
    "VirtualizationType"};

// An interface from the instance's NetworkInterfaces[]; fields the instance view lacks
// come from the instance and its reservation.
void AddInstanceInterface(JsonCursor& c, const Instance& instance, const std::string& zone,
                          const std::string& owner) {
  NetworkInterface eni;
  if (!ReadNetworkInterface(c, eni)) return;
  if (eni.attached_instance_id.empty()) eni.attached_instance_id = instance.id;
  if (eni.vpc_id.empty()) eni.vpc_id = instance.vpc_id;
  if (eni.subnet_id.empty()) eni.subnet_id = instance.subnet_id;
  if (eni.availability_zone.empty()) eni.availability_zone = zone;
  if (eni.owner_id.empty()) eni.owner_id = owner;
  c.context().network().network_interfaces.push_back(std::move(eni));
}

void LoadInstance(JsonCursor& c, const std::string& owner) {
  Instance instance;
  if (!ReadItemId(c, "InstanceId", instance.id, "instance")) return;
  c.ReadString("VpcId", instance.vpc_id);
  c.ReadString("SubnetId", instance.subnet_id);
  c.Object("State", [&](JsonCursor& state) {
    state.ReadString("Name", instance.state);
    state.Int("Code");
  });
  instance.name = ReadTag(c, "Tags", "Name");
  std::string zone;
  c.Object("Placement", [&](JsonCursor& placement) { placement.ReadString("AvailabilityZone", zone); });
  c.ForEach("NetworkInterfaces", [&](JsonCursor& eni) {
    AddInstanceInterface(eni, instance, zone, owner);
    if (eni.is_object())
      if (auto id = eni.String("NetworkInterfaceId")) instance.network_interface_ids.emplace_back(*id);
  });
  AddItem(c, "Instance", kInstanceIgnored, std::move(instance), c.context().network().instances);
}

void LoadReservation(JsonCursor& c) {
  if (!c.ExpectObject()) return c.context().Skip("instance", 1);
  std::string owner;
  c.ReadString("OwnerId", owner);
  c.ForEach("Instances", [&](JsonCursor& instance) { LoadInstance(instance, owner); });
  c.CheckFields("Reservation", kReservationIgnored);
}

}  // namespace

void LoadReservations(JsonCursor& list) { list.ForEachElement(LoadReservation); }

void MergeInstanceInterfaces(Network& network) {
  FoldById(
      network.network_interfaces,
      [](const NetworkInterface& eni) { return eni.source.path.starts_with(kReservationsKey); },
      [](const NetworkInterface&, NetworkInterface&) {});
}

}  // namespace sgscope::ingest
