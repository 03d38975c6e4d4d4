#pragma once
// An accepted audit finding, as the user wrote it in the suppressions file (docs/audit.md).

#include <optional>
#include <string>

#include "model/calendar_date.h"

namespace sgscope {

// One entry: findings of `check` on `resource` (at `rule`, "ingress/3" or "egress/#100" as in
// Finding::Key, when given) are accepted for `reason` until the end of `expires`.
struct Suppression {
  std::string check;
  std::string resource;
  std::string rule;  // empty: every finding of the check on the resource
  std::string reason;
  std::optional<CalendarDate> expires;
  std::string file;  // where the entry is: the file as the user named it, and the JSON path
  std::string path;  // e.g. "suppressions[2]"
};

}  // namespace sgscope
