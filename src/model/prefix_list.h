#pragma once
// Managed prefix lists (customer- and AWS-managed): named sets of CIDRs.

#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_prefix.h"

namespace sgscope {

// A prefix list. Entries come from describe-managed-prefix-lists + get-managed-prefix-list-entries,
// or from describe-prefix-lists (AWS-managed service lists, `Cidrs`).
struct PrefixList {
  std::string id;
  std::string name;
  std::string owner_id;  // "AWS" for AWS-managed lists
  bool entries_known = false;
  std::vector<IpPrefix> cidrs;
  SourceRef source;
};

}  // namespace sgscope
