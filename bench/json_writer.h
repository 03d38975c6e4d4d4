#pragma once
// A streaming writer of pretty-printed JSON in the layout the AWS CLI prints (4-space
// indent, `"key": value`, empty containers as [] and {}), so generated snapshots have the
// same whitespace share as real ones and the GB/s figures mean the same thing.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace sgscope::bench {

// Writes one JSON document to a file. Calls must nest properly; the writer checks
// nothing beyond that and is only fed by the generator.
class JsonWriter {
 public:
  explicit JsonWriter(std::FILE* file) : file_(file) {}
  ~JsonWriter() { Flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);

  // `"key": value` shorthands.
  void Field(std::string_view key, std::string_view value) { Key(key), String(value); }
  void Field(std::string_view key, const char* value) { Key(key), String(value); }
  void Field(std::string_view key, const std::string& value) { Key(key), String(value); }
  void Field(std::string_view key, int64_t value) { Key(key), Int(value); }
  void Field(std::string_view key, int value) { Key(key), Int(value); }
  void Field(std::string_view key, bool value) { Key(key), Bool(value); }
  void EmptyArray(std::string_view key) { Key(key), BeginArray(), EndArray(); }
  void StringArray(std::string_view key, const std::vector<std::string>& values);

  // Ends the document with a newline and writes out the buffer.
  void Finish();
  uint64_t bytes_written() const { return written_ + buffer_.size(); }

 private:
  void Open(char bracket);
  void Close(char bracket);
  void BeforeValue();
  void Newline();
  void Flush();

  std::FILE* file_;
  std::string buffer_;
  uint64_t written_ = 0;
  std::vector<int> counts_;  // values written so far in each open container
  bool after_key_ = false;
};

}  // namespace sgscope::bench
