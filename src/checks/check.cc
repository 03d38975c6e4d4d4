// The analyses checks share, each computed on first use: several checks read `why`'s verdicts
// and the exposure report, and computing them once per audit keeps an audit about as fast as
// the slowest analysis instead of the sum over checks.

#include "checks/check.h"

namespace sgscope {

CheckContext::CheckContext(const Network& network, AuditOptions options) : network_(network), options_(std::move(options)) {}

const GroupWhy& CheckContext::Why(const SecurityGroup& group) {
  auto it = why_.find(&group);
  if (it == why_.end()) {
    auto delivery = [this]() -> const DeliveryTable& {
      if (!delivery_) delivery_.emplace(network_, "all");
      return *delivery_;
    };
    it = why_.emplace(&group, *ExplainGroup(network_, group.id, delivery)).first;
  }
  return it->second;
}

const ExposureReport& CheckContext::InternetExposure() {
  if (!exposure_) exposure_ = ComputeExposure(network_);
  return *exposure_;
}

const std::vector<SectionMatrix>& CheckContext::OtherReach() {
  if (section_matrices_) return *section_matrices_;
  section_matrices_.emplace();
  for (SectionPopulations& p : ExposureSectionPopulations(network_, {"vpn", "peers", "transit"})) {
    EndpointSelection from = SelectEndpoints(network_, p.from_selector, EndpointFamilies::kIpv4), to = SelectEndpoints(network_, p.to_selector, EndpointFamilies::kIpv4);
    if (!from.error.empty() || !to.error.empty()) continue;  // a side without interfaces reaches nothing
    section_matrices_->push_back(
        {std::move(p.section), ReachAllPairs(network_, std::move(from.classes), std::move(to.classes))});
  }
  return *section_matrices_;
}

}  // namespace sgscope
