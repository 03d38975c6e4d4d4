#pragma once
// Every audit check, sorted by id.

#include <string_view>
#include <vector>

#include "checks/check.h"

namespace sgscope {

#define SGSCOPE_CHECK(describe) Check describe();
#include "checks/registry.inc"
#undef SGSCOPE_CHECK

// The catalogue in id order.
const std::vector<Check>& AllChecks();
// The check with this id, or null.
const Check* FindCheck(std::string_view id);

}  // namespace sgscope
