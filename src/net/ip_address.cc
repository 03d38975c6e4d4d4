// Parsing and printing of IPv4/IPv6 addresses. Hand-written rather than inet_pton so
// that the parser never depends on locale or libc quirks and rejects every malformed
// form (leading zeros in IPv4 octets, too many groups) with a plain nullopt.

#include "net/ip_address.h"

#include <array>

namespace sgscope {

namespace {

// Dotted quad: four decimal octets of 1-3 digits, 0-255, no leading zero ("01"). Straight
// code without a loop per digit, and a bool rather than an optional (whose byte flag, read
// back as a word, stalled store forwarding): flow logs parse two addresses a record.
bool ParseV4(std::string_view text, uint32_t& out) {
  if (text.size() < 7 || text.size() > 15) return false;
  const char* p = text.data();
  const char* end = p + text.size();
  auto digit = [&](const char* at) -> unsigned { return at < end ? static_cast<unsigned char>(*at) - '0' : 10u; };
  uint32_t value = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0 && (p == end || *p++ != '.')) return false;
    unsigned n = digit(p), d;
    if (n > 9) return false;
    ++p;
    if ((d = digit(p)) <= 9) {
      if (n == 0) return false;
      n = n * 10 + d, ++p;
      if ((d = digit(p)) <= 9) n = n * 10 + d, ++p;
      if (n > 255) return false;
    }
    value = value << 8 | n;
  }
  out = value;
  return p == end;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses colon-separated hex groups (and an optional trailing IPv4) into `groups`.
// Returns the number of 16-bit groups written, or -1.
int ParseV6Groups(std::string_view text, uint16_t* groups, int max_groups) {
  int count = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (count == max_groups) return -1;
    size_t end = text.find(':', i);
    std::string_view part = text.substr(i, end == std::string_view::npos ? end : end - i);
    if (part.find('.') != std::string_view::npos) {
      if (end != std::string_view::npos || count + 2 > max_groups) return -1;
      uint32_t v4;
      if (!ParseV4(part, v4)) return -1;
      groups[count++] = static_cast<uint16_t>(v4 >> 16);
      groups[count++] = static_cast<uint16_t>(v4);
      return count;
    }
    if (part.empty() || part.size() > 4) return -1;
    uint16_t group = 0;
    for (char c : part) {
      int d = HexDigit(c);
      if (d < 0) return -1;
      group = static_cast<uint16_t>(group << 4 | d);
    }
    groups[count++] = group;
    if (end == std::string_view::npos) break;
    i = end + 1;
    if (i == text.size()) return -1;  // trailing ':'
  }
  return count;
}

std::optional<uint128> ParseV6(std::string_view text) {
  std::array<uint16_t, 8> head{}, tail{};
  size_t gap = text.find("::");
  int head_count = 0, tail_count = 0;
  if (gap == std::string_view::npos) {
    head_count = ParseV6Groups(text, head.data(), 8);
    if (head_count != 8) return std::nullopt;
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    std::string_view left = text.substr(0, gap), right = text.substr(gap + 2);
    head_count = left.empty() ? 0 : ParseV6Groups(left, head.data(), 7);
    tail_count = right.empty() ? 0 : ParseV6Groups(right, tail.data(), 7);
    if (head_count < 0 || tail_count < 0 || head_count + tail_count > 7) return std::nullopt;
  }
  std::array<uint16_t, 8> all{};
  for (int i = 0; i < head_count; ++i) all[i] = head[i];
  for (int i = 0; i < tail_count; ++i) all[8 - tail_count + i] = tail[i];
  uint128 value = 0;
  for (uint16_t g : all) value = value << 16 | g;
  return value;
}

// Hand-rolled rather than snprintf: addresses are printed for every hop of every trace.
void AppendHex(std::string& out, uint16_t group) {
  static constexpr char kDigits[] = "0123456789abcdef";
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    int d = group >> shift & 15;
    if (d || started || shift == 0) out += kDigits[d], started = true;
  }
}

void AppendDecimal(std::string& out, uint32_t n) {
  if (n >= 100) out += static_cast<char>('0' + n / 100);
  if (n >= 10) out += static_cast<char>('0' + n / 10 % 10);
  out += static_cast<char>('0' + n % 10);
}

std::string FormatV6(uint128 value) {
  std::array<uint16_t, 8> g{};
  for (int i = 7; i >= 0; --i, value >>= 16) g[i] = static_cast<uint16_t>(value);
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties.
  int best_start = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) { ++i; continue; }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) best_start = i, best_len = j - i;
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    AppendHex(out, g[i]);
  }
  return out;
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  IpAddress address;
  if (!Parse(text, address)) return std::nullopt;
  return address;
}

bool IpAddress::Parse(std::string_view text, IpAddress& out) {
  // IPv4 first: most addresses are, and a text with ':' never parses as one.
  if (uint32_t v4; ParseV4(text, v4)) return (out = V4(v4)), true;
  if (text.find(':') == std::string_view::npos) return false;
  auto v6 = ParseV6(text);
  if (!v6) return false;
  out = V6(*v6);
  return true;
}

std::string IpAddress::ToString() const {
  if (is_v6()) return FormatV6(value_);
  uint32_t v = v4();
  std::string out;
  out.reserve(15);
  for (int shift = 24; shift >= 0; shift -= 8) {
    AppendDecimal(out, v >> shift & 255);
    if (shift) out += '.';
  }
  return out;
}

int AddressBits(IpFamily family) { return family == IpFamily::kV4 ? 32 : 128; }

}  // namespace sgscope
