#pragma once
// The start and end every resource loader shares: an object with its id, then its
// SourceRef, the unknown-field check, and the append to its Network vector.

#include <string>
#include <string_view>
#include <vector>

#include "ingest/json_cursor.h"

namespace sgscope::ingest {

// Reads the required string `id_key` of object `c` into `id`. When `c` is not an object
// or has no id, the problem is reported, one `kind` is counted as skipped, and false
// is returned.
inline bool ReadItemId(JsonCursor& c, std::string_view id_key, std::string& id, std::string_view kind) {
  if (c.ExpectObject() && c.ReadString(id_key, id, Need::kRequired)) return true;
  c.context().Skip(kind);
  return false;
}

// Gives `item` its SourceRef, notes the fields of `c` that nobody read (AWS shape name
// `shape`, known-but-unused `ignored`) and appends `item` to `out`.
template <typename T>
void AddItem(JsonCursor& c, std::string_view shape, FieldList ignored, T&& item, std::vector<std::decay_t<T>>& out) {
  item.source = c.Source();
  c.CheckFields(shape, ignored);
  out.push_back(std::forward<T>(item));
}

}  // namespace sgscope::ingest
