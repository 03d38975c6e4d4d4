// YAML -> JSON text with yaml-cpp. yaml-cpp leaves scalars untyped; the core schema's
// resolution of plain scalars is applied here, so `port: 22` is a number and `port: "22"`
// a string, as a YAML user expects: https://yaml.org/spec/1.2.2/#1032-tag-resolution

#include "ingest/yaml_document.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <regex>

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

// The JSON spelling of a plain (unquoted, untagged) scalar.
std::string PlainScalar(const std::string& text) {
  static const std::regex kNull("null|Null|NULL|~|"), kBool("true|True|TRUE|false|False|FALSE"),
      kNumber("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  if (std::regex_match(text, kNull)) return "null";
  if (std::regex_match(text, kBool)) return text[0] == 't' || text[0] == 'T' ? "true" : "false";
  if (std::regex_match(text, kNumber)) return text;
  return Quoted(text);
}

void Append(const YAML::Node& node, std::string& out) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      out += '{';
      bool first = true;
      for (const auto& member : node) {
        out += first ? "" : ",";
        first = false;
        out += Quoted(member.first.Scalar()) + ":";
        Append(member.second, out);
      }
      out += '}';
      return;
    }
    case YAML::NodeType::Sequence: {
      out += '[';
      for (size_t i = 0; i < node.size(); ++i) {
        out += i ? "," : "";
        Append(node[i], out);
      }
      out += ']';
      return;
    }
    case YAML::NodeType::Scalar: out += node.Tag() == "?" ? PlainScalar(node.Scalar()) : Quoted(node.Scalar()); return;
    default: out += "null";
  }
}

}  // namespace

std::optional<std::string> YamlToJson(std::string_view yaml, std::string& error) {
  try {
    std::string out;
    Append(YAML::Load(std::string(yaml)), out);
    return out;
  } catch (const YAML::Exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace sgscope::ingest
