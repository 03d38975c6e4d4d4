// One VPC flow log line -> FlowRecord, without allocating: words split on runs of spaces
// (an AWS documentation example has a double space), "-" is "not applicable or could not be
// computed" (the field stays absent), values checked. Default v2 lines with every field set
// and single separators take a fast path (SSE2 word split and IPv4, SWAR numbers); others
// take the general path, which words errors.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html

#include "ingest/flow_log_line.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sgscope::ingest {

namespace {

// Above this a start/end is taken as milliseconds (10^11 s is the year 5138); some
// exports write milliseconds, and flowlogs-reader normalises them to seconds the same way.
constexpr uint64_t kMillisecondThreshold = 100'000'000'000ull;
// Flow log version 6 is the Transit Gateway flow log format:
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-flow-logs.html
constexpr uint64_t kTransitGatewayVersion = 6;

[[gnu::always_inline]] inline bool ParseUnsigned(std::string_view text, uint64_t max, uint64_t& out) {
  if (text.empty() || text.size() > 20) return false;
  uint64_t value = 0;
  for (char c : text) {
    unsigned digit = static_cast<unsigned char>(c) - '0';
    if (digit > 9) return false;
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  if (value > max) return false;
  out = value;
  return true;
}

template <typename Enum>
bool ParseName(std::string_view text, std::initializer_list<std::pair<std::string_view, Enum>> names, Enum& out) {
  for (const auto& [name, value] : names)
    if (text == name) return (out = value), true;
  return false;
}

bool ParseTime(std::string_view word, int64_t& out) {
  uint64_t value;
  if (!ParseUnsigned(word, UINT64_MAX, value)) return false;
  out = static_cast<int64_t>(value >= kMillisecondThreshold ? value / 1000 : value);
  return true;
}

// Stores `word` (not "-") of `field` in `r`; false when the value is invalid for the field.
bool StoreValue(FlowField field, std::string_view word, uint32_t offset, FlowRecord& r) {
  uint64_t n = 0;
  switch (field) {
    case FlowField::kVersion:
      if (!ParseUnsigned(word, 255, n) || n < 2) return false;
      r.version = static_cast<uint8_t>(n);
      return true;
    case FlowField::kSrcAddr: return IpAddress::Parse(word, r.src);
    case FlowField::kDstAddr: return IpAddress::Parse(word, r.dst);
    case FlowField::kPktSrcAddr: return IpAddress::Parse(word, r.pkt_src);
    case FlowField::kPktDstAddr: return IpAddress::Parse(word, r.pkt_dst);
    case FlowField::kSrcPort: return ParseUnsigned(word, 65535, n) && (r.src_port = static_cast<uint16_t>(n), true);
    case FlowField::kDstPort: return ParseUnsigned(word, 65535, n) && (r.dst_port = static_cast<uint16_t>(n), true);
    case FlowField::kProtocol: return ParseUnsigned(word, 255, n) && (r.protocol = static_cast<uint8_t>(n), true);
    case FlowField::kTcpFlags: return ParseUnsigned(word, 65535, n) && (r.tcp_flags = static_cast<uint16_t>(n), true);
    case FlowField::kTrafficPath:
      return ParseUnsigned(word, 255, n) && n >= 1 && (r.traffic_path = static_cast<uint8_t>(n), true);
    case FlowField::kPackets: return ParseUnsigned(word, UINT64_MAX, r.packets);
    case FlowField::kBytes: return ParseUnsigned(word, UINT64_MAX, r.bytes);
    case FlowField::kStart: return ParseTime(word, r.start);
    case FlowField::kEnd: return ParseTime(word, r.end);
    case FlowField::kAction:
      return ParseName(word, {{"ACCEPT", FlowAction::kAccept}, {"REJECT", FlowAction::kReject}}, r.action);
    case FlowField::kLogStatus:
      return ParseName(word,
                       {{"OK", FlowLogStatus::kOk}, {"NODATA", FlowLogStatus::kNoData},
                        {"SKIPDATA", FlowLogStatus::kSkipData}},
                       r.log_status);
    case FlowField::kFlowDirection:
      return ParseName(word, {{"ingress", FlowDirection::kIngress}, {"egress", FlowDirection::kEgress}}, r.direction);
    case FlowField::kType:
      return ParseName(word,
                       {{"IPv4", FlowTrafficType::kIpv4}, {"IPv6", FlowTrafficType::kIpv6},
                        {"EFA", FlowTrafficType::kEfa}},
                       r.type);
    default: {
      std::optional<FlowText> slot = FlowTextOf(field);
      if (!slot) return false;
      r.text[static_cast<size_t>(*slot)] = {offset, static_cast<uint32_t>(word.size())};
      return true;
    }
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// StoreFlowWord, inlined into the line parser's loop (the text reader's hot path).
[[gnu::always_inline]] inline LineKind StoreWord(FlowField field, std::string_view word, uint32_t offset,
                                                 FlowRecord& record, std::string& error) {
  if (word == "-") return LineKind::kRecord;
  if (field == FlowField::kAccountId && word == "TransitGateway") return LineKind::kTransitGateway;
  if (!StoreValue(field, word, offset, record)) {
    error = "bad " + std::string(FlowFieldName(field)) + " '" + std::string(word.substr(0, 64)) + "'";
    return LineKind::kMalformed;
  }
  record.Set(field);
  if (field == FlowField::kVersion && record.version == kTransitGatewayVersion) return LineKind::kTransitGateway;
  return LineKind::kRecord;
}

// The fast path takes lines of 16 to 255 bytes (a v2 record is about 120): the separator
// bitmap fits in four 64-bit words with a separator after the last byte.
constexpr size_t kFastLineMinBytes = 16, kFastLineBytes = 255;
constexpr size_t kDefaultColumns = 14;

// Bit i of `bits` is set when line[i] is a space or tab, and for every i >= n. The line
// has at least 16 bytes: its last block is read as the 16 bytes ending the line, so no
// load reaches past it.
void SeparatorBits(const char* line, size_t n, uint64_t (&bits)[4]) {
  for (uint64_t& word : bits) word = ~uint64_t{0};
#if defined(__SSE2__)
  auto separators = [line](size_t at) -> uint64_t {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line + at));
    return static_cast<uint16_t>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(b, _mm_set1_epi8('\t')))));
  };
  size_t i = 0;
  for (; i + 64 <= n; i += 64)
    bits[i / 64] = separators(i) | separators(i + 16) << 16 | separators(i + 32) << 32 | separators(i + 48) << 48;
  for (; i + 16 <= n; i += 16) bits[i / 64] &= ~(uint64_t{0xFFFF & ~separators(i)} << (i % 64));
  if (i < n) {
    size_t shift = i + 16 - n;  // the 16 bytes ending the line; those past it count as separators
    uint64_t mask = separators(n - 16) >> shift | (uint64_t{0xFFFF} << (16 - shift) & 0xFFFF);
    bits[i / 64] &= ~(uint64_t{0xFFFF & ~mask} << (i % 64));
  }
#else
  for (size_t i = 0; i < n; ++i)
    if (!IsSpace(line[i])) bits[i / 64] &= ~(uint64_t{1} << (i % 64));
#endif
}

// SWAR population count (POPCNT is not baseline x86-64).
[[gnu::always_inline]] inline unsigned Popcount(uint64_t x) {
  x -= x >> 1 & 0x5555555555555555;
  x = (x & 0x3333333333333333) + (x >> 2 & 0x3333333333333333);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0F;
  return static_cast<unsigned>(x * 0x0101010101010101 >> 56);
}

// The kDefaultColumns words of a line of at most kFastLineBytes, one separator apart (no
// leading, trailing or doubled one: those lines take the general path): word i ends at
// end[i], the next starts one byte further.
struct Words {
  static constexpr size_t kSeparators = kDefaultColumns - 1;
  // Each 64-byte block writes kBlockWrites positions whatever its count (more only when it
  // holds more): no branch on how many separators a block holds (it varies with the
  // addresses' lengths, and mispredicted).
  static constexpr size_t kBlockWrites = 10;
  uint8_t end[kSeparators + kBlockWrites];

  bool Split(std::string_view line) {
    const size_t n = line.size();
    if (IsSpace(line[0]) || IsSpace(line[n - 1])) return false;
    uint64_t bits[4];
    SeparatorBits(line.data(), n, bits);
    const size_t blocks = (n + 63) / 64;
    uint64_t carry = 0, doubled = 0;
    unsigned total = 0, counts[4];
    for (size_t w = 0; w < blocks; ++w) {
      uint64_t inside = w + 1 < blocks || n % 64 == 0 ? ~uint64_t{0} : (uint64_t{1} << n % 64) - 1;
      bits[w] &= inside;
      doubled |= bits[w] & (bits[w] << 1 | carry);
      carry = bits[w] >> 63;
      total += counts[w] = Popcount(bits[w]);
    }
    if (doubled || total != kSeparators) return false;
    unsigned k = 0;
    for (size_t w = 0; w < blocks; ++w) {
      uint64_t b = bits[w];
      // The top bit keeps ctz defined once the block's separators are used up; those
      // positions are past the block's count and overwritten or unused.
      for (size_t j = 0; j < kBlockWrites; ++j, b &= b - 1)
        end[k + j] = static_cast<uint8_t>(w * 64 + __builtin_ctzll(b | uint64_t{1} << 63));
      for (size_t j = kBlockWrites; j < counts[w]; ++j, b &= b - 1)
        end[k + j] = static_cast<uint8_t>(w * 64 + __builtin_ctzll(b));
      k += counts[w];
    }
    end[kSeparators] = static_cast<uint8_t>(n);
    return true;
  }
  uint32_t Begin(size_t i) const { return i == 0 ? 0 : end[i - 1] + 1u; }
  std::string_view operator()(std::string_view line, size_t i) const {
    return {line.data() + Begin(i), end[i] - Begin(i)};
  }
};

// Eight ASCII digits, the first the most significant, zero bytes counting as leading zeros
// -> their value, in three multiplications (the SWAR method simdjson uses).
[[gnu::always_inline]] inline uint64_t EightDigits(uint64_t chunk) {
  chunk = (chunk & 0x0F0F0F0F0F0F0F0F) * 2561 >> 8;
  chunk = (chunk & 0x00FF00FF00FF00FF) * 6553601 >> 16;
  return (chunk & 0x0000FFFF0000FFFF) * 42949672960001 >> 32;
}

// Whether the low `count` (1-8) bytes of `chunk` are all '0'-'9'.
[[gnu::always_inline]] inline bool AllDigits(uint64_t chunk, size_t count) {
  uint64_t mask = count == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * count)) - 1;
  uint64_t high = 0xF0F0F0F0F0F0F0F0 & mask, zeros = 0x3030303030303030 & mask;
  return (chunk & high) == zeros && ((chunk + 0x0606060606060606) & high) == zeros;
}

inline uint64_t Load8(const char* p) {
  uint64_t chunk;
  std::memcpy(&chunk, p, 8);
  return chunk;
}

// Digits only, at most `max_digits` of them (19 cannot overflow 64 bits). Up to 16 digits
// are read eight at a time when 8 bytes from the word's start lie before `line_end`,
// without a branch per digit (numbers of random length mispredict a digit loop's exit).
[[gnu::always_inline]] inline bool FastUnsigned(std::string_view word, size_t max_digits, const char* line_end,
                                                uint64_t& out) {
  size_t n = word.size();
  const char* p = word.data();
  if (n == 0 || n > max_digits) return false;
  if (n <= 8 && p + 8 <= line_end) {
    uint64_t chunk = Load8(p);
    if (!AllDigits(chunk, n)) return false;
    out = EightDigits(chunk << (64 - 8 * n));
    return true;
  }
  if (n > 8 && n <= 16) {
    uint64_t head = Load8(p), tail = Load8(p + n - 8);
    if (!AllDigits(head, n - 8) || !AllDigits(tail, 8)) return false;
    out = EightDigits(head << (128 - 8 * n)) * 100'000'000 + EightDigits(tail);
    return true;
  }
  uint64_t value = 0;
  for (char c : word) {
    unsigned digit = static_cast<unsigned char>(c) - '0';
    if (digit > 9) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

[[gnu::always_inline]] inline bool FastTime(std::string_view word, const char* line_end, int64_t& out) {
  uint64_t value;
  if (!FastUnsigned(word, 19, line_end, value)) return false;
  out = static_cast<int64_t>(value >= kMillisecondThreshold ? value / 1000 : value);
  return true;
}

// `word` is `text`. Up to 8 bytes both are loaded into integers (g++ 12 calls memcmp for
// "ACCEPT" even at a constant length, and string_view's == always does).
template <size_t N>
[[gnu::always_inline]] inline bool Is(std::string_view word, const char (&text)[N]) {
  if (word.size() != N - 1) return false;
  if constexpr (N - 1 <= 8) {
    uint64_t a = 0, b = 0;
    std::memcpy(&a, word.data(), N - 1);
    std::memcpy(&b, text, N - 1);
    return a == b;
  }
  return std::memcmp(word.data(), text, N - 1) == 0;
}

#if defined(__SSE2__)
// The octet of 1-3 digits at `p`: the digits moved to the low end of three bytes (the
// others zero), then weighed. Reads 4 bytes.
[[gnu::always_inline]] inline uint32_t Octet(const char* p, unsigned length) {
  uint32_t x;
  std::memcpy(&x, p, 4);
  x = (x & 0x0F0F0F) << (8 * (3 - length)) & 0xFFFFFF;
  return (x & 0xFF) * 100 + (x >> 8 & 0xFF) * 10 + (x >> 16);
}

// IpAddress::Parse's dotted quad without a branch per octet or digit (the octets' random
// lengths mispredicted ~4 branches an address): dots and digits found with one SSE2 compare
// each, octets weighed side by side. `word` is 7-15 bytes with 20 readable from its start.
[[gnu::always_inline]] inline bool FastV4(std::string_view word, uint32_t& out) {
  const char* p = word.data();
  const unsigned n = static_cast<unsigned>(word.size()), in = (1u << n) - 1;
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(b, _mm_set1_epi8('9' + 1)));
  unsigned dots = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8('.')))) & in;
  unsigned digits = static_cast<unsigned>(_mm_movemask_epi8(digit)) & in;
  unsigned second = dots & (dots - 1), third = second & (second - 1);
  if ((dots | digits) != in || third == 0 || (third & (third - 1)) != 0) return false;  // not exactly three dots
  unsigned d1 = __builtin_ctz(dots), d2 = __builtin_ctz(second), d3 = __builtin_ctz(third);
  unsigned l1 = d1, l2 = d2 - d1 - 1, l3 = d3 - d2 - 1, l4 = n - d3 - 1;
  if (l1 - 1 > 2 || l2 - 1 > 2 || l3 - 1 > 2 || l4 - 1 > 2) return false;  // an octet of 0 or 4+ digits
  uint32_t o1 = Octet(p, l1), o2 = Octet(p + d2 - l2, l2), o3 = Octet(p + d3 - l3, l3), o4 = Octet(p + d3 + 1, l4);
  bool leading_zero = (l1 > 1 && p[0] == '0') | (l2 > 1 && p[d1 + 1] == '0') | (l3 > 1 && p[d2 + 1] == '0') |
                      (l4 > 1 && p[d3 + 1] == '0');
  if (leading_zero | ((o1 | o2 | o3 | o4) > 255)) return false;
  out = o1 << 24 | o2 << 16 | o3 << 8 | o4;
  return true;
}
#endif

// An address of a default-layout line ending at `line_end`: a dotted quad takes FastV4 when
// the bytes it reads lie in the line, anything else IpAddress::Parse.
[[gnu::always_inline]] inline bool FastAddress(std::string_view word, const char* line_end, IpAddress& out) {
#if defined(__SSE2__)
  uint32_t v4;
  if (word.size() >= 7 && word.size() <= 15 && word.data() + 20 <= line_end && FastV4(word, v4))
    return (out = IpAddress::V4(v4)), true;
#endif
  return IpAddress::Parse(word, out);
}

// Columns 0-4 of the default layout: version 2-9 but not the Transit Gateway's 6, account
// and interface ids (not "-", not a Transit Gateway's), the two addresses.
[[gnu::always_inline]] inline bool FastHead(std::string_view line, const Words& words, uint32_t line_offset,
                                            FlowRecord& r) {
  std::string_view version = words(line, 0), account = words(line, 1), interface = words(line, 2);
  if (version.size() != 1 || version[0] < '2' || version[0] > '9' || version[0] == '6') return false;
  if (Is(account, "-") || Is(account, "TransitGateway") || Is(interface, "-")) return false;
  r.version = static_cast<uint8_t>(version[0] - '0');
  r.text[static_cast<size_t>(FlowText::kAccountId)] = {line_offset + words.Begin(1),
                                                        static_cast<uint32_t>(account.size())};
  r.text[static_cast<size_t>(FlowText::kInterfaceId)] = {line_offset + words.Begin(2),
                                                          static_cast<uint32_t>(interface.size())};
  const char* end = line.data() + line.size();
  return FastAddress(words(line, 3), end, r.src) && FastAddress(words(line, 4), end, r.dst);
}

// Columns 5-11: ports, protocol, packets, bytes, start, end.
[[gnu::always_inline]] inline bool FastNumbers(std::string_view line, const Words& words, FlowRecord& r) {
  const char* end = line.data() + line.size();
  uint64_t src_port, dst_port, protocol;
  if (!FastUnsigned(words(line, 5), 5, end, src_port) || src_port > 65535) return false;
  if (!FastUnsigned(words(line, 6), 5, end, dst_port) || dst_port > 65535) return false;
  if (!FastUnsigned(words(line, 7), 3, end, protocol) || protocol > 255) return false;
  r.src_port = static_cast<uint16_t>(src_port), r.dst_port = static_cast<uint16_t>(dst_port);
  r.protocol = static_cast<uint8_t>(protocol);
  return FastUnsigned(words(line, 8), 19, end, r.packets) && FastUnsigned(words(line, 9), 19, end, r.bytes) &&
         FastTime(words(line, 10), end, r.start) && FastTime(words(line, 11), end, r.end);
}

// A default-layout line with all 14 fields present and plain values (numbers short enough
// not to overflow, log-status OK). False sends the line to the general path (which parses
// "-", NODATA, longer numbers... and words the errors); `r` is then reset there.
bool ParseDefaultFast(std::string_view line, uint32_t line_offset, FlowRecord& r) {
  Words words;
  if (line.size() < kFastLineMinBytes || line.size() > kFastLineBytes) return false;
  if (!words.Split(line)) return false;
  if (!FastHead(line, words, line_offset, r) || !FastNumbers(line, words, r)) return false;
  std::string_view action = words(line, 12);
  if (Is(action, "ACCEPT"))
    r.action = FlowAction::kAccept;
  else if (Is(action, "REJECT"))
    r.action = FlowAction::kReject;
  else
    return false;
  if (!Is(words(line, 13), "OK")) return false;
  r.log_status = FlowLogStatus::kOk;
  r.present = (uint64_t{1} << kDefaultColumns) - 1;
  return true;
}

}  // namespace

LineKind StoreFlowWord(FlowField field, std::string_view word, uint32_t offset, FlowRecord& record,
                       std::string& error) {
  return StoreWord(field, word, offset, record, error);
}

LineKind ParseFlowLine(std::string_view line, const FlowLogFormat& format, uint32_t line_offset, FlowRecord& record,
                       std::string& error) {
  if (format.default_layout && ParseDefaultFast(line, line_offset, record)) return LineKind::kRecord;
  uint32_t saved_line = record.line;
  record = FlowRecord{};
  record.line = saved_line;
  const char* p = line.data();
  const char* end = p + line.size();
  size_t column = 0;
  for (const std::optional<FlowField>& field : format.columns) {
    while (p < end && IsSpace(*p)) ++p;
    const char* word_start = p;
    while (p < end && !IsSpace(*p)) ++p;
    std::string_view word(word_start, p - word_start);
    if (word.empty()) {
      error = "has " + std::to_string(column) + " fields, the format has " + std::to_string(format.columns.size());
      return LineKind::kMalformed;
    }
    ++column;
    if (!field) continue;
    auto offset = line_offset + static_cast<uint32_t>(word_start - line.data());
    if (LineKind kind = StoreWord(*field, word, offset, record, error); kind != LineKind::kRecord) return kind;
  }
  while (p < end && IsSpace(*p)) ++p;
  if (p != end) {
    error = "has more than the " + std::to_string(format.columns.size()) + " fields of the format";
    return LineKind::kMalformed;
  }
  return LineKind::kRecord;
}

}  // namespace sgscope::ingest
