// Typed, path-aware reads over simdjson's DOM. Only the error paths and SourceRefs build
// strings; a successful read is a scan of the object's keys and a type check.

#include "ingest/json_cursor.h"

#include <algorithm>

namespace sgscope::ingest {

using simdjson::dom::element;
using simdjson::dom::element_type;

const char* JsonTypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64: return "an integer";
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "an unknown value";
}

void PathStep::AppendTo(std::string& out) const {
  if (kind == Kind::kRoot) return;
  if (parent) parent->AppendTo(out);
  if (kind == Kind::kIndex) {
    out += '[';
    out += std::to_string(index);
    out += ']';
    return;
  }
  if (!out.empty()) out += '.';
  out += key;
}

JsonCursor::JsonCursor(LoadContext& context, element value, PathStep step)
    : context_(context), value_(value), step_(step) {
  is_object_ = value.get_object().get(object_) == simdjson::SUCCESS;
}

std::string JsonCursor::Path() const {
  std::string out;
  step_.AppendTo(out);
  return out;
}

std::string JsonCursor::PathOf(std::string_view member) const {
  std::string out = Path();
  if (member.empty()) return out;
  if (!out.empty()) out += '.';
  out += member;
  return out;
}

void JsonCursor::Report(Severity severity, std::string message) const {
  context_.Report(severity, Path(), std::move(message));
}

void JsonCursor::ReportAt(std::string_view member, Severity severity, std::string message) const {
  context_.Report(severity, PathOf(member), std::move(message));
}

bool JsonCursor::ExpectObject() const {
  if (is_object_) return true;
  Error(std::string("expected an object, found ") + JsonTypeName(value_.type()));
  return false;
}

std::optional<std::string_view> JsonCursor::AsString() const {
  std::string_view s;
  if (value_.get_string().get(s) == simdjson::SUCCESS) return s;
  Error(std::string("expected a string, found ") + JsonTypeName(value_.type()));
  return std::nullopt;
}

void JsonCursor::MarkRead(size_t index) {
  if (index < 128) read_[index / 64] |= uint64_t{1} << (index % 64);
}

bool JsonCursor::WasRead(size_t index) const {
  return index >= 128 || (read_[index / 64] >> (index % 64) & 1);
}

std::optional<element> JsonCursor::Find(std::string_view key) {
  if (!is_object_) return std::nullopt;
  size_t i = 0;
  for (simdjson::dom::key_value_pair member : object_) {
    if (member.key == key) {
      MarkRead(i);
      if (member.value.is_null()) return std::nullopt;
      return member.value;
    }
    ++i;
  }
  return std::nullopt;
}

void JsonCursor::ReportWrongType(std::string_view key, std::string_view expected, element value) const {
  ErrorAt(key, "expected " + std::string(expected) + ", found " + JsonTypeName(value.type()));
}

std::optional<element> JsonCursor::FindTyped(std::string_view key, element_type type, Need need) {
  std::optional<element> member = Find(key);
  if (!member) {
    if (need == Need::kRequired) ErrorAt(key, "required field is missing");
    return std::nullopt;
  }
  element_type actual = member->type();
  if (actual == type || (type == element_type::INT64 && actual == element_type::UINT64)) return member;
  ReportWrongType(key, JsonTypeName(type), *member);
  return std::nullopt;
}

bool JsonCursor::Has(std::string_view key) { return Find(key).has_value(); }

std::optional<std::string_view> JsonCursor::String(std::string_view key, Need need) {
  auto member = FindTyped(key, element_type::STRING, need);
  if (!member) return std::nullopt;
  return member->get_string().value_unsafe();
}

bool JsonCursor::ReadString(std::string_view key, std::string& out, Need need) {
  auto s = String(key, need);
  if (s) out.assign(*s);
  return s.has_value();
}

std::optional<int64_t> JsonCursor::Int(std::string_view key, Need need) {
  auto member = FindTyped(key, element_type::INT64, need);
  if (!member) return std::nullopt;
  int64_t value = 0;
  if (member->get_int64().get(value) != simdjson::SUCCESS) {
    ErrorAt(key, "integer is out of range");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> JsonCursor::Bool(std::string_view key, Need need) {
  auto member = FindTyped(key, element_type::BOOL, need);
  if (!member) return std::nullopt;
  return member->get_bool().value_unsafe();
}

bool JsonCursor::ReadBool(std::string_view key, bool& out, Need need) {
  auto b = Bool(key, need);
  if (b) out = *b;
  return b.has_value();
}

size_t JsonCursor::ArraySize(std::string_view key) {
  auto member = Find(key);
  simdjson::dom::array array;
  if (!member || member->get_array().get(array) != simdjson::SUCCESS) return 0;
  return array.size();
}

bool FieldList::Contains(std::string_view name) const {
  return std::binary_search(names_.begin(), names_.end(), name);
}

void JsonCursor::CheckFields(std::string_view shape, FieldList ignored) const {
  if (!is_object_) return;
  size_t i = 0;
  for (simdjson::dom::key_value_pair member : object_) {
    if (!WasRead(i) && !ignored.Contains(member.key)) {
      std::string key = std::string(shape) + '\x1f' + std::string(member.key);
      std::string message = "field \"" + std::string(member.key) + "\" of " + std::string(shape) +
                            " is not known to sgscope; ignored";
      JsonCursor field(context_, member.value, PathStep{&step_, PathStep::Kind::kMember, member.key, 0});
      context_.NoteOnce(Severity::kInfo, key, message, field);
    }
    ++i;
  }
}

}  // namespace sgscope::ingest
