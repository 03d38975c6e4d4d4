// Pretty JSON output for the snapshot generator. Buffers up to a megabyte and writes in
// blocks, so generating a 500 MB snapshot costs little beyond the formatting itself.

#include "json_writer.h"

namespace sgscope::bench {

namespace {

constexpr size_t kFlushAt = 1 << 20;

void AppendEscaped(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\', out += c;
    } else if (u < 0x20) {
      out += "\\u00", out += kHex[u >> 4], out += kHex[u & 15];
    } else {
      out += c;
    }
  }
}

}  // namespace

void JsonWriter::Newline() {
  buffer_ += '\n';
  buffer_.append(4 * counts_.size(), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()++ > 0) buffer_ += ',';
  Newline();
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  buffer_ += bracket;
  counts_.push_back(0);
}

void JsonWriter::Close(char bracket) {
  int count = counts_.back();
  counts_.pop_back();
  if (count > 0) Newline();
  buffer_ += bracket;
  if (buffer_.size() >= kFlushAt) Flush();
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  buffer_ += '"';
  AppendEscaped(buffer_, key);
  buffer_ += "\": ";
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  buffer_ += '"';
  AppendEscaped(buffer_, value);
  buffer_ += '"';
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  buffer_ += std::to_string(value);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  buffer_ += value ? "true" : "false";
}

void JsonWriter::StringArray(std::string_view key, const std::vector<std::string>& values) {
  Key(key);
  BeginArray();
  for (auto& v : values) String(v);
  EndArray();
}

void JsonWriter::Finish() {
  buffer_ += '\n';
  Flush();
}

void JsonWriter::Flush() {
  if (buffer_.empty()) return;
  std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
  written_ += buffer_.size();
  buffer_.clear();
}

}  // namespace sgscope::bench
