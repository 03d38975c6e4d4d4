// Internet address sets in words, shared by `exposure` (sources that get in) and `reach`
// (internet endpoint classes), so both say "any internet address" the same way.

#include "report/internet_addresses.h"

#include <fmt/format.h>

namespace sgscope {

namespace {

AddressSet Internet(IpFamily family) {
  static const AddressSet kInternet = InternetSpace();
  return kInternet.Intersect(AddressSet::AllOf(family));
}

// The first 8 of the `count` blocks of `set`, and how many more there are.
std::string BlocksText(const AddressSet& set, size_t count) {
  std::string out;
  for (const IpPrefix& p : set.ToPrefixes(8)) out += (out.empty() ? "" : ", ") + p.ToString();
  if (count > 8) out += fmt::format(" (+{} more blocks)", count - 8);
  return out;
}

}  // namespace

bool IsWholeInternet(const AddressSet& addresses, IpFamily family) { return addresses == Internet(family); }

std::string InternetAddressesText(const AddressSet& addresses, IpFamily family) {
  if (IsWholeInternet(addresses, family)) return "any internet address";
  AddressSet missing = Internet(family).Subtract(addresses);
  size_t count = addresses.PrefixCount(), missing_count = missing.PrefixCount();
  if (missing_count < count) return "any internet address except " + BlocksText(missing, missing_count);
  return BlocksText(addresses, count);
}

std::string InternetEndpointText(const AddressSet& addresses, IpFamily family) {
  return std::string(family == IpFamily::kV4 ? "internet (" : "internet6 (") + InternetAddressesText(addresses, family) +
         ")";
}

}  // namespace sgscope
