#pragma once
// A position in a parsed JSON document that knows its JSON path
// (`SecurityGroups[3].IpPermissions[0].FromPort`). It reads typed members, reports wrong
// types and missing required members with that path, and remembers which members were
// read so that the rest can be reported as unknown fields. The path text is built only
// when a diagnostic or a SourceRef needs it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "ingest/load_context.h"
#include "model/source_ref.h"

namespace sgscope::ingest {

// One step of a JSON path, linked to the step of the cursor it came from. Cursors live on
// the stack of the parser that walks them, so the chain stays valid while it is used.
struct PathStep {
  enum class Kind : uint8_t { kRoot, kMember, kIndex };
  const PathStep* parent = nullptr;
  Kind kind = Kind::kRoot;
  std::string_view key;  // kMember
  size_t index = 0;      // kIndex
  void AppendTo(std::string& out) const;
};

enum class Need : uint8_t { kOptional, kRequired };

// Names of fields a parser knows but does not use (MacAddress, Tags...). Must be sorted,
// which is checked at compile time, so lookups can binary-search.
class FieldList {
 public:
  constexpr FieldList() = default;
  template <size_t N>
  consteval FieldList(const std::string_view (&names)[N]) : names_(names, N) {
    for (size_t i = 1; i < N; ++i)
      if (!(names[i - 1] < names[i])) throw "field list is not sorted";
  }
  bool Contains(std::string_view name) const;

 private:
  std::span<const std::string_view> names_;
};

// Reads one JSON value. Member accessors treat an absent or null member as "not there";
// a required member that is not there, or any member of the wrong type, is an error
// diagnostic at the member's path. Children are handed to callbacks so that they never
// outlive the cursor whose path they extend.
class JsonCursor {
 public:
  JsonCursor(LoadContext& context, simdjson::dom::element value, PathStep step);
  JsonCursor(const JsonCursor&) = delete;
  JsonCursor& operator=(const JsonCursor&) = delete;

  LoadContext& context() const { return context_; }
  simdjson::dom::element value() const { return value_; }
  bool is_object() const { return is_object_; }
  std::string Path() const;
  std::string PathOf(std::string_view member) const;  // Path() when `member` is empty
  SourceRef Source() const { return {context_.file(), Path()}; }

  void Report(Severity severity, std::string message) const;
  void ReportAt(std::string_view member, Severity severity, std::string message) const;
  void Error(std::string message) const { Report(Severity::kError, std::move(message)); }
  void ErrorAt(std::string_view member, std::string message) const {
    ReportAt(member, Severity::kError, std::move(message));
  }

  // This value as an object / a string; reports an error when it is something else.
  bool ExpectObject() const;
  std::optional<std::string_view> AsString() const;

  // Members of an object.
  bool Has(std::string_view key);
  std::optional<std::string_view> String(std::string_view key, Need need = Need::kOptional);
  // Copies the member into `out` when it is there; returns whether it was.
  bool ReadString(std::string_view key, std::string& out, Need need = Need::kOptional);
  std::optional<int64_t> Int(std::string_view key, Need need = Need::kOptional);
  std::optional<bool> Bool(std::string_view key, Need need = Need::kOptional);
  bool ReadBool(std::string_view key, bool& out, Need need = Need::kOptional);

  // Calls `f(JsonCursor&)` with the object member `key`; returns whether it was there.
  template <typename F>
  bool Object(std::string_view key, F&& f, Need need = Need::kOptional);
  // Calls `f(JsonCursor&)` for each element of the array member `key`; returns the
  // number of elements.
  template <typename F>
  size_t ForEach(std::string_view key, F&& f, Need need = Need::kOptional);
  // Number of elements of array member `key` (0 when absent); marks it as read.
  size_t ArraySize(std::string_view key);
  // Calls `f(JsonCursor&)` for each element of this value, which must be an array.
  template <typename F>
  size_t ForEachElement(F&& f) const;

  // Counts (once per document, AWS shape and field name) every member that was never
  // read and is not in `ignored`, as an info diagnostic.
  void CheckFields(std::string_view shape, FieldList ignored) const;

 private:
  // The member `key` when it is there and not null; marks it as read.
  std::optional<simdjson::dom::element> Find(std::string_view key);
  std::optional<simdjson::dom::element> FindTyped(std::string_view key, simdjson::dom::element_type type,
                                                  Need need);
  void ReportWrongType(std::string_view key, std::string_view expected, simdjson::dom::element value) const;
  void MarkRead(size_t index);
  bool WasRead(size_t index) const;

  LoadContext& context_;
  simdjson::dom::element value_;
  simdjson::dom::object object_;
  PathStep step_;
  bool is_object_ = false;
  // Which members were read; members past the 128th are never reported as unknown.
  uint64_t read_[2] = {0, 0};
};

const char* JsonTypeName(simdjson::dom::element_type type);

template <typename F>
bool JsonCursor::Object(std::string_view key, F&& f, Need need) {
  auto member = FindTyped(key, simdjson::dom::element_type::OBJECT, need);
  if (!member) return false;
  JsonCursor child(context_, *member, PathStep{&step_, PathStep::Kind::kMember, key, 0});
  f(child);
  return true;
}

template <typename F>
size_t JsonCursor::ForEach(std::string_view key, F&& f, Need need) {
  auto member = FindTyped(key, simdjson::dom::element_type::ARRAY, need);
  if (!member) return 0;
  JsonCursor array(context_, *member, PathStep{&step_, PathStep::Kind::kMember, key, 0});
  return array.ForEachElement(f);
}

template <typename F>
size_t JsonCursor::ForEachElement(F&& f) const {
  simdjson::dom::array array;
  if (value_.get_array().get(array)) {
    Report(Severity::kError, std::string("expected an array, found ") + JsonTypeName(value_.type()));
    return 0;
  }
  size_t i = 0;
  for (simdjson::dom::element item : array) {
    JsonCursor child(context_, item, PathStep{&step_, PathStep::Kind::kIndex, {}, i});
    f(child);
    ++i;
  }
  return i;
}

}  // namespace sgscope::ingest
