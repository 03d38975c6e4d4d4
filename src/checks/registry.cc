// The catalogue of checks, built once from registry.inc so that adding a check is one line
// there plus its own file.

#include "checks/registry.h"

namespace sgscope {

const std::vector<Check>& AllChecks() {
  static const std::vector<Check> checks = {
#define SGSCOPE_CHECK(describe) describe(),
#include "checks/registry.inc"
#undef SGSCOPE_CHECK
  };
  return checks;
}

const Check* FindCheck(std::string_view id) {
  for (const Check& c : AllChecks())
    if (id == c.id) return &c;
  return nullptr;
}

}  // namespace sgscope
