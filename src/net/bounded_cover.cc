// Optimal bounded CIDR cover by dynamic programming on the binary trie of the addresses: a
// subtree covered by one block costs its common prefix's size; with k blocks it is either that
// or the best split of k between its two halves. Exact, O(n * k^2) for n addresses. Ports are
// one-dimensional: keeping the k-1 widest gaps open is optimal.

#include "net/bounded_cover.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace sgscope {

namespace {

// One branching point of the trie over sorted addresses [lo, hi): their common prefix, and the
// best cost with 1..k blocks (cost[j-1]), with the split chosen for each k (0 = one block).
struct CoverNode {
  IpPrefix prefix;
  int left = -1, right = -1;  // child nodes; -1 for a single address
  std::vector<long double> cost;
  std::vector<size_t> left_share;
};

// Length of the common prefix of two addresses of one family.
int CommonLength(IpAddress a, IpAddress b) {
  int bits = AddressBits(a.family());
  uint128 diff = a.value() ^ b.value();
  if (diff == 0) return bits;
  uint64_t hi = static_cast<uint64_t>(diff >> 64), lo = static_cast<uint64_t>(diff);
  int leading = hi ? std::countl_zero(hi) : 64 + std::countl_zero(lo);  // of 128
  return leading - (128 - bits);
}

class CoverBuilder {
 public:
  CoverBuilder(std::span<const IpAddress> sorted, size_t k) : sorted_(sorted), k_(k) {}

  int Build(size_t lo, size_t hi) {
    int length = CommonLength(sorted_[lo], sorted_[hi - 1]);
    CoverNode node;
    node.prefix = IpPrefix(sorted_[lo], length);
    long double size = std::ldexp(1.0L, AddressBits(sorted_[lo].family()) - length);
    node.cost.assign(k_, size);
    node.left_share.assign(k_, 0);
    if (hi - lo > 1) {
      // Addresses after the split have bit `length` set: the first of them starts the right half.
      size_t mid = static_cast<size_t>(std::partition_point(sorted_.begin() + lo, sorted_.begin() + hi,
                                                            [&](IpAddress a) { return CommonLength(a, sorted_[lo]) > length; }) -
                                       sorted_.begin());
      node.left = Build(lo, mid);
      node.right = Build(mid, hi);
      Combine(node);
    }
    nodes_.push_back(std::move(node));
    return static_cast<int>(nodes_.size() - 1);
  }

  void Emit(int index, size_t blocks, std::vector<IpPrefix>& out) const {
    const CoverNode& node = nodes_[index];
    size_t left = node.left_share[blocks - 1];
    if (left == 0) {
      out.push_back(node.prefix);
      return;
    }
    Emit(node.left, left, out);
    Emit(node.right, blocks - left, out);
  }

  const CoverNode& node(int index) const { return nodes_[index]; }

 private:
  void Combine(CoverNode& node) const {
    const CoverNode& l = nodes_[node.left];
    const CoverNode& r = nodes_[node.right];
    for (size_t blocks = 2; blocks <= k_; ++blocks)
      for (size_t a = 1; a < blocks; ++a) {
        long double c = l.cost[a - 1] + r.cost[blocks - a - 1];
        if (c < node.cost[blocks - 1]) {
          node.cost[blocks - 1] = c;
          node.left_share[blocks - 1] = a;
        }
      }
  }

  std::span<const IpAddress> sorted_;
  size_t k_;
  std::vector<CoverNode> nodes_;
};

}  // namespace

std::vector<IpPrefix> CoverAddresses(std::span<const IpAddress> addresses, size_t max_prefixes) {
  std::vector<IpAddress> sorted(addresses.begin(), addresses.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (sorted.empty()) return {};
  size_t k = std::clamp<size_t>(max_prefixes, 1, sorted.size());
  CoverBuilder builder(sorted, k);
  int root = builder.Build(0, sorted.size());
  std::vector<IpPrefix> out;
  builder.Emit(root, k, out);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<PortRange> CoverPorts(std::span<const uint16_t> ports, size_t max_ranges) {
  std::vector<uint16_t> sorted(ports.begin(), ports.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (sorted.empty()) return {};
  // Gaps between neighbours that are not consecutive, widest first (ties: lower ports first).
  std::vector<size_t> gaps;  // index i: the gap after sorted[i]
  for (size_t i = 0; i + 1 < sorted.size(); ++i)
    if (sorted[i + 1] != sorted[i] + 1) gaps.push_back(i);
  std::stable_sort(gaps.begin(), gaps.end(),
                   [&](size_t a, size_t b) { return sorted[a + 1] - sorted[a] > sorted[b + 1] - sorted[b]; });
  gaps.resize(std::min(gaps.size(), std::max<size_t>(max_ranges, 1) - 1));
  std::sort(gaps.begin(), gaps.end());
  std::vector<PortRange> out;
  size_t start = 0;
  for (size_t gap : gaps) {
    out.push_back({sorted[start], sorted[gap]});
    start = gap + 1;
  }
  out.push_back({sorted[start], sorted.back()});
  return out;
}

}  // namespace sgscope
