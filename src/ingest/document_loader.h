#pragma once
// Parses one JSON document and hands each top-level key to its loader. One instance
// keeps one simdjson parser, so its buffers are reused from file to file.

#include <string>
#include <string_view>

#include <simdjson.h>

#include "model/network.h"

namespace sgscope::ingest {

// Loads documents into a Network, one at a time. Never throws.
class DocumentLoader {
 public:
  // `file` is the document's position in the final network's `files`, which holds
  // `file_name` there (the caller registers it). `padded` says that `data` is followed by
  // simdjson::SIMDJSON_PADDING readable bytes, which saves a copy.
  void Load(Network& network, uint32_t file, const std::string& file_name, const char* data, size_t size,
            bool padded, const std::string& account, const std::string& region);

 private:
  simdjson::dom::parser parser_;
};

}  // namespace sgscope::ingest
