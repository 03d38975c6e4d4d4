// YAML -> JSON text with yaml-cpp. yaml-cpp leaves scalars untyped; the core schema's
// resolution of plain scalars is applied here, so `port: 22` is a number and `port: "22"`
// a string, as a YAML user expects: https://yaml.org/spec/1.2.2/#1032-tag-resolution

#include "ingest/yaml_document.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace sgscope::ingest {

namespace {

// A JSON string literal; every character JSON requires escaping becomes \u00XX.
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    out += byte < 0x20 || c == '"' || c == '\\' ? fmt::format("\\u{:04x}", byte) : std::string(1, c);
  }
  return out + "\"";
}

// Reads digits from `i`; returns how many.
size_t Digits(std::string_view text, size_t& i) {
  size_t start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  return i - start;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, the numbers JSON and YAML's core schema share;
// a loop, not std::regex, whose recursion a long scalar would exhaust the stack with.
bool IsNumber(std::string_view text) {
  size_t i = text.starts_with('-') ? 1 : 0, start = i;
  if (!Digits(text, i) || (text[start] == '0' && i - start > 1)) return false;
  if (i < text.size() && text[i] == '.' && (++i, !Digits(text, i))) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!Digits(text, i)) return false;
  }
  return i == text.size();
}

// The JSON spelling of a plain (unquoted, untagged) scalar.
std::string PlainScalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return "null";
  if (text == "true" || text == "True" || text == "TRUE") return "true";
  if (text == "false" || text == "False" || text == "FALSE") return "false";
  if (IsNumber(text)) return text;
  return Quoted(text);
}

// Aliases let a few hundred bytes of YAML denote gigabytes of JSON; the events file is read
// whole, so its expansion is bounded, as is its nesting.
constexpr size_t kMaxJsonBytes = 32 << 20;
constexpr int kMaxDepth = 128;

struct Budget {
  int depth = 0;
  void Check(const std::string& out) const {
    if (out.size() > kMaxJsonBytes) throw YAML::Exception(YAML::Mark::null_mark(), "the document expands past 32 MiB");
    if (depth > kMaxDepth) throw YAML::Exception(YAML::Mark::null_mark(), "the document nests deeper than 128 levels");
  }
};

void Append(const YAML::Node& node, std::string& out, Budget& budget) {
  budget.Check(out);
  ++budget.depth;
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      out += '{';
      std::vector<std::string> keys;
      for (const auto& member : node) {
        const std::string& key = member.first.Scalar();
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
          throw YAML::Exception(member.first.Mark(), "duplicate key \"" + key + "\"");
        out += keys.empty() ? "" : ",";
        keys.push_back(key);
        out += Quoted(key) + ":";
        Append(member.second, out, budget);
      }
      out += '}';
      break;
    }
    case YAML::NodeType::Sequence: {
      out += '[';
      for (size_t i = 0; i < node.size(); ++i) {
        out += i ? "," : "";
        Append(node[i], out, budget);
      }
      out += ']';
      break;
    }
    case YAML::NodeType::Scalar: out += node.Tag() == "?" ? PlainScalar(node.Scalar()) : Quoted(node.Scalar()); break;
    default: out += "null";
  }
  --budget.depth;
}

// Where each document of a stream starts, read from its events without building nodes.
// YAML::LoadAll cannot be used to count them: on a comma after a document's top-level node
// (`{},`, `"x",`) yaml-cpp 0.7 yields an endless series of empty documents without consuming
// the comma, so LoadAll never returns; stopping at the second document is what bounds it.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> marks;
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// The start of the stream's second document, if it has one.
std::optional<YAML::Mark> SecondDocument(const std::string& yaml) {
  std::istringstream in(yaml);
  YAML::Parser parser(in);
  DocumentStarts starts;
  while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
  }
  if (starts.marks.size() < 2) return std::nullopt;
  return starts.marks[1];
}

}  // namespace

std::optional<std::string> YamlToJson(std::string_view yaml, std::string& error) {
  try {
    std::string text(yaml);
    if (std::optional<YAML::Mark> second = SecondDocument(text)) {
      error = fmt::format("the file holds more than one YAML document (another starts at line {}, column {}); "
                          "the events must be one",
                          second->line + 1, second->column + 1);
      return std::nullopt;
    }
    std::string out;
    Budget budget;
    Append(YAML::Load(text), out, budget);
    return out;
  } catch (const YAML::Exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace sgscope::ingest
