#pragma once
// The snapshots engine tests compare engines on: the examples, every hand snapshot under
// tests/data/snapshots, and the Batfish AWS snapshots when ../shared/data is present.

#include <algorithm>
#include <filesystem>
#include <vector>

namespace sgscope {

inline std::vector<std::filesystem::path> TestSnapshots() {
  namespace fs = std::filesystem;
  fs::path root = SGSCOPE_SOURCE_DIR;
  std::vector<fs::path> out = {root / "examples/clientvpn-ad", root / "examples/webapp"};
  std::vector<fs::path> hand;
  for (auto& entry : fs::directory_iterator(root / "tests/data/snapshots")) hand.push_back(entry.path());
  std::sort(hand.begin(), hand.end());
  out.insert(out.end(), hand.begin(), hand.end());
  fs::path batfish = root / "../shared/data/batfish/projects/batfish/src/test/resources/org/batfish/representation/aws";
  if (fs::is_directory(batfish)) {  // every test-* network: public, NAT, peering, transit, VPN, endpoints...
    std::vector<fs::path> networks;
    for (auto& entry : fs::directory_iterator(batfish))
      if (entry.is_directory() && entry.path().filename().string().rfind("test-", 0) == 0) networks.push_back(entry.path());
    std::sort(networks.begin(), networks.end());
    out.insert(out.end(), networks.begin(), networks.end());
  }
  if (fs::is_directory(root / "../shared/data/batfish/networks/hybrid-cloud-aws"))
    out.push_back(root / "../shared/data/batfish/networks/hybrid-cloud-aws");
  return out;
}

}  // namespace sgscope
