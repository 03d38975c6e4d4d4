// Finds the text of JSON values by path without building a document: the requested paths
// become a trie, one scan follows it and skips every other value, and a second sweep turns
// byte offsets into lines and columns. Any text is safe: the scan only moves forward, checks
// bounds at every byte, and never recurses deeper than the longest requested path.

#include "ingest/json_path_locator.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

namespace sgscope::ingest {

namespace {

// Paths deeper than this are not looked up (the loader's deepest are about ten steps), which
// bounds the scanner's recursion.
constexpr size_t kMaxSteps = 64;

// The requested paths as a tree of steps; `targets` are the indexes of the paths ending here.
struct PathNode {
  std::map<std::string, size_t, std::less<>> members;
  std::map<size_t, size_t> elements;
  std::vector<size_t> targets;
};

// Adds `path` ("A[1].B", "[0].C", "" for the root) to the trie under node 0; false when it
// does not parse.
bool AddPath(std::vector<PathNode>& nodes, std::string_view path, size_t target) {
  size_t node = 0, steps = 0;
  for (size_t i = 0; i < path.size(); ++steps) {
    if (steps == kMaxSteps) return false;
    size_t next;
    if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1 || close - i > 10) return false;
      size_t index = 0;
      for (size_t k = i + 1; k < close; ++k) {
        if (path[k] < '0' || path[k] > '9') return false;
        index = index * 10 + size_t(path[k] - '0');
      }
      auto [it, added] = nodes[node].elements.emplace(index, nodes.size());
      next = it->second;
      i = close + 1;
    } else {
      if ((path[i] == '.') == (i == 0)) return false;  // members after the first follow a dot
      if (path[i] == '.') ++i;
      size_t end = path.find_first_of(".[", i);
      if (end == std::string_view::npos) end = path.size();
      if (end == i) return false;
      std::string_view key = path.substr(i, end - i);
      auto it = nodes[node].members.find(key);
      if (it == nodes[node].members.end()) it = nodes[node].members.emplace(std::string(key), nodes.size()).first;
      next = it->second;
      i = end;
    }
    if (next == nodes.size()) nodes.emplace_back();
    node = next;
  }
  nodes[node].targets.push_back(target);
  return true;
}

// Byte offsets of a value: [begin, end).
struct Span {
  size_t begin = 0, end = 0;
};

// One forward scan over the text, descending only where the trie has requested paths.
class Scanner {
 public:
  Scanner(std::string_view text, const std::vector<PathNode>& nodes, std::vector<std::optional<Span>>& found)
      : text_(text), nodes_(nodes), found_(found) {}

  void Run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a UTF-8 byte order mark
    SkipSpace();
    Walk(0);
  }

 private:
  bool At(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  // Reads the string at pos_ (which is at its quote) into `out`, escapes decoded; false when
  // it does not end. \u escapes become '?': no AWS key needs them.
  bool ReadString(std::string* out) {
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return true;
      if (c == '\\') {
        if (pos_ >= text_.size()) return false;
        char e = text_[pos_++];
        if (out) *out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'u' ? '?' : e;
      } else if (out) {
        *out += c;
      }
    }
    return false;
  }

  // Skips one value of any depth without recursion; false on text that is not JSON.
  bool SkipValue() {
    size_t depth = 0;
    do {
      SkipSpace();
      if (pos_ >= text_.size()) return false;
      char c = text_[pos_];
      if (c == '"') {
        if (!ReadString(nullptr)) return false;
      } else if (c == '{' || c == '[') {
        ++depth, ++pos_;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return false;
        --depth, ++pos_;
      } else if (c == ',' || c == ':') {
        if (depth == 0) return false;
        ++pos_;
      } else {
        size_t start = pos_;
        while (pos_ < text_.size() && std::string_view(",:]} \t\r\n\"{[").find(text_[pos_]) == std::string_view::npos) ++pos_;
        if (pos_ == start) return false;
      }
    } while (depth > 0);
    return true;
  }

  // The value at pos_ for trie node `node`; false when the text stops being JSON.
  bool Walk(size_t node) {
    const PathNode& n = nodes_[node];
    size_t begin = pos_;
    bool ok;
    if (At('{') && !n.members.empty()) ok = WalkObject(n);
    else if (At('[') && !n.elements.empty()) ok = WalkArray(n);
    else ok = SkipValue();
    if (ok)
      for (size_t t : n.targets) found_[t] = Span{begin, pos_};
    return ok;
  }

  // Calls `member` for each member (pos_ at its value); the container is at pos_.
  template <typename Each>
  bool Members(char close, Each each) {
    ++pos_;
    SkipSpace();
    if (At(close)) return ++pos_, true;
    for (size_t i = 0;; ++i) {
      if (!each(i)) return false;
      SkipSpace();
      if (At(close)) return ++pos_, true;
      if (!At(',')) return false;
      ++pos_;
      SkipSpace();
    }
  }

  bool WalkObject(const PathNode& n) {
    std::vector<bool> seen;  // the first of repeated keys wins
    return Members('}', [&](size_t) {
      std::string key;
      if (!At('"') || !ReadString(&key)) return false;
      SkipSpace();
      if (!At(':')) return false;
      ++pos_;
      SkipSpace();
      auto it = n.members.find(key);
      if (it == n.members.end() || Seen(seen, it->second)) return SkipValue();
      return Walk(it->second);
    });
  }

  bool WalkArray(const PathNode& n) {
    return Members(']', [&](size_t i) {
      auto it = n.elements.find(i);
      return it == n.elements.end() ? SkipValue() : Walk(it->second);
    });
  }

  // Whether trie node `node` was met before in this object; marks it.
  bool Seen(std::vector<bool>& seen, size_t node) {
    if (seen.size() <= node) seen.resize(node + 1);
    bool was = seen[node];
    seen[node] = true;
    return was;
  }

  std::string_view text_;
  const std::vector<PathNode>& nodes_;
  std::vector<std::optional<Span>>& found_;
  size_t pos_ = 0;
};

// Line (1-based) and UTF-16 column (1-based) of every offset in `offsets`, in one sweep.
std::map<size_t, std::pair<uint32_t, uint32_t>> LinesAndColumns(std::string_view text, std::vector<size_t> offsets) {
  std::sort(offsets.begin(), offsets.end());
  std::map<size_t, std::pair<uint32_t, uint32_t>> out;
  uint32_t line = 1, column = 1;
  size_t pos = 0;
  for (size_t offset : offsets) {
    for (; pos < offset && pos < text.size(); ++pos) {
      unsigned char b = static_cast<unsigned char>(text[pos]);
      if (b == '\n') line++, column = 1;
      else if ((b & 0xC0) != 0x80) column += b >= 0xF0 ? 2 : 1;  // a character outside the BMP takes two units
    }
    out[offset] = {line, column};
  }
  return out;
}

}  // namespace

std::vector<std::optional<TextRegion>> LocateJsonPaths(std::string_view json, const std::vector<std::string>& paths) {
  std::vector<PathNode> nodes(1);
  for (size_t i = 0; i < paths.size(); ++i) AddPath(nodes, paths[i], i);
  std::vector<std::optional<Span>> spans(paths.size());
  Scanner(json, nodes, spans).Run();
  std::vector<size_t> offsets;
  for (const auto& s : spans)
    if (s) offsets.insert(offsets.end(), {s->begin, s->end});
  auto at = LinesAndColumns(json, std::move(offsets));
  std::vector<std::optional<TextRegion>> regions(paths.size());
  for (size_t i = 0; i < spans.size(); ++i)
    if (spans[i]) {
      auto [start_line, start_column] = at[spans[i]->begin];
      auto [end_line, end_column] = at[spans[i]->end];
      regions[i] = TextRegion{start_line, start_column, end_line, end_column};
    }
  return regions;
}

std::vector<std::optional<TextRegion>> LocateJsonPathsInFile(const std::filesystem::path& file,
                                                             const std::vector<std::string>& paths) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::vector<std::optional<TextRegion>>(paths.size());
  std::string text(std::istreambuf_iterator<char>(in), {});
  return LocateJsonPaths(text, paths);
}

}  // namespace sgscope::ingest
