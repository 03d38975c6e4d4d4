// YAML -> JSON text with yaml-cpp. yaml-cpp leaves scalars untyped; the core schema's
// resolution of plain scalars is applied here, so `port: 22` is a number and `port: "22"`
// a string, as a YAML user expects: https://yaml.org/spec/1.2.2/#1032-tag-resolution

#include "ingest/yaml_document.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
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

}  // namespace

std::optional<std::string> YamlToJson(std::string_view yaml, std::string& error) {
  try {
    std::vector<YAML::Node> documents = YAML::LoadAll(std::string(yaml));
    if (documents.size() > 1) {
      error = "the file holds " + std::to_string(documents.size()) + " YAML documents; the events must be one";
      return std::nullopt;
    }
    std::string out;
    Budget budget;
    Append(documents.empty() ? YAML::Node() : documents.front(), out, budget);
    return out;
  } catch (const YAML::Exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace sgscope::ingest
