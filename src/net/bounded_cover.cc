// Optimal bounded CIDR cover by dynamic programming on the binary trie of the addresses: a
// subtree covered by one block costs its common prefix's size; with k blocks it is either that
// or the best split of k between its two halves (of equal sizes, the fewer blocks). A subtree of
// m addresses gains nothing from more than m blocks, so each node keeps min(k, m) covers and a
// split only tries shares its halves can use: O(n * k) for n addresses in all (a --max-cidrs of
// 1000 stays fast). Ports are one-dimensional: keeping the k-1 widest gaps open is optimal.

#include "net/bounded_cover.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace sgscope {

namespace {

// One branching point of the trie over sorted addresses: their common prefix, and where its best
// covers with at most 1..blocks blocks (and the left half's share of each, 0 = one block) are kept.
struct CoverNode {
  IpPrefix prefix;
  int left = -1, right = -1;  // child nodes; -1 for a single address
  size_t first = 0;           // its entries in CoverBuilder's best_ and left_share_
  size_t blocks = 1;          // min(k, its addresses): more cannot lower the cost
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
    node.blocks = std::min(k_, hi - lo);
    if (hi - lo > 1) {
      // Addresses after the split have bit `length` set: the first of them starts the right half.
      size_t mid = static_cast<size_t>(std::partition_point(sorted_.begin() + lo, sorted_.begin() + hi,
                                                            [&](IpAddress a) { return CommonLength(a, sorted_[lo]) > length; }) -
                                       sorted_.begin());
      node.left = Build(lo, mid);
      node.right = Build(mid, hi);
    }
    node.first = best_.size();
    best_.resize(best_.size() + node.blocks, {std::ldexp(1.0L, AddressBits(sorted_[lo].family()) - length), 1});
    left_share_.resize(best_.size(), 0);
    if (node.left >= 0) Combine(node);
    nodes_.push_back(node);
    return static_cast<int>(nodes_.size() - 1);
  }

  void Emit(int index, size_t blocks, std::vector<IpPrefix>& out) const {
    const CoverNode& node = nodes_[index];
    size_t left = left_share_[node.first + blocks - 1];
    if (left == 0) {
      out.push_back(node.prefix);
      return;
    }
    Emit(node.left, left, out);
    Emit(node.right, blocks - left, out);
  }

 private:
  // Addresses covered, then blocks used: compared in that order.
  struct Cover {
    long double size;
    size_t blocks;
    auto operator<=>(const Cover&) const = default;
  };
  const Cover& Best(const CoverNode& node, size_t blocks) const { return best_[node.first + blocks - 1]; }

  // Of equal covers, one block is kept, else the smallest left share.
  void Combine(const CoverNode& node) {
    const CoverNode& l = nodes_[node.left];
    const CoverNode& r = nodes_[node.right];
    for (size_t blocks = 2; blocks <= node.blocks; ++blocks) {
      Cover& best = best_[node.first + blocks - 1];
      for (size_t a = blocks > r.blocks ? blocks - r.blocks : 1; a <= std::min(l.blocks, blocks - 1); ++a) {
        Cover split{Best(l, a).size + Best(r, blocks - a).size, Best(l, a).blocks + Best(r, blocks - a).blocks};
        if (split < best) best = split, left_share_[node.first + blocks - 1] = a;
      }
    }
  }

  std::span<const IpAddress> sorted_;
  size_t k_;
  std::vector<CoverNode> nodes_;
  std::vector<Cover> best_;         // per node, its best cover with at most 1..blocks blocks
  std::vector<size_t> left_share_;  // beside best_: the left half's blocks, 0 for one block
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
