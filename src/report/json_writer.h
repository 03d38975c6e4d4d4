#pragma once
// A small streaming JSON writer: correct escaping, stable key order (the caller's), indentation.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sgscope {

// Writes one JSON document to a stream. Keys come out in the order written, so output is
// deterministic. Strings are escaped per RFC 8259 (input strings are attacker-controlled).
// `indent` is 2 for sgscope's reports; the benchmark generator uses 4, as the AWS CLI prints.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out, int indent = 2) : out_(out), indent_(indent) {}
  ~JsonWriter();

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Shorthands for "key": value.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  JsonWriter& EmptyArray(std::string_view key) { return Key(key).BeginArray().EndArray(); }
  JsonWriter& StringArray(std::string_view key, const std::vector<std::string>& values);

 private:
  void BeforeValue();
  JsonWriter& Close(char bracket);
  void Newline();
  std::ostream& out_;
  int indent_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// `text` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);

}  // namespace sgscope
