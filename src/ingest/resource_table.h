#pragma once
// Which top-level keys sgscope reads, which it knows but does not model yet, and which
// it ignores silently (paging). A file is recognised by these keys only, never by name.

#include <string_view>

#include "ingest/json_cursor.h"

namespace sgscope::ingest {

using ResourceLoader = void (*)(JsonCursor& list);

enum class KeyTreatment : uint8_t {
  kLoad,         // parsed into the model
  kNotModelled,  // a known AWS kind: one info diagnostic, items counted as skipped
  kSilent,       // paging and response metadata (NextToken...)
};

// One row of the table.
struct ResourceKind {
  std::string_view key;
  KeyTreatment treatment;
  ResourceLoader load = nullptr;  // kLoad only
};

// The row for top-level key `key`, or null for a key nobody knows.
const ResourceKind* FindResourceKind(std::string_view key);

}  // namespace sgscope::ingest
