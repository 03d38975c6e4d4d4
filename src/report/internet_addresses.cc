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

std::string BlocksText(const std::vector<IpPrefix>& prefixes) {
  std::string out;
  for (size_t i = 0; i < prefixes.size() && i < 8; ++i) out += (i ? ", " : "") + prefixes[i].ToString();
  if (prefixes.size() > 8) out += fmt::format(" (+{} more blocks)", prefixes.size() - 8);
  return out;
}

}  // namespace

bool IsWholeInternet(const AddressSet& addresses, IpFamily family) { return addresses == Internet(family); }

std::string InternetAddressesText(const AddressSet& addresses, IpFamily family) {
  if (IsWholeInternet(addresses, family)) return "any internet address";
  auto prefixes = addresses.ToPrefixes();
  auto missing = Internet(family).Subtract(addresses).ToPrefixes();
  if (missing.size() < prefixes.size()) return "any internet address except " + BlocksText(missing);
  return BlocksText(prefixes);
}

}  // namespace sgscope
