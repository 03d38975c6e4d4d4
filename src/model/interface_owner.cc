// Interface ownership for reports: the managed service that owns an interface (from the
// catalogue in managed_service.cc), else an instance, another AWS-managed owner, or nobody.

#include "model/interface_owner.h"

#include "model/managed_service.h"

namespace sgscope {

std::string InterfaceOwnerKind(const NetworkInterface& eni) {
  if (const ManagedService* service = RecogniseService(eni)) return std::string(service->id);
  if (eni.requester_managed) return "other-managed";
  if (!eni.attached_instance_id.empty()) return "instance";
  return "unattached";
}

}  // namespace sgscope
