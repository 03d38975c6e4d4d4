#pragma once
// Loads a snapshot folder of AWS CLI JSON into the model. The only layer that knows AWS
// JSON spellings; everything after it works on sgscope::Network.

#include <filesystem>
#include <string>
#include <string_view>

#include "model/network.h"

namespace sgscope {

// Loads every *.json file under `root` (any of the folder layouts in snapshot_layout.h;
// `root` may also be one file), recognising each file by its top-level keys, then
// Finalize()s. Never throws on bad input: problems become diagnostics in the result, and
// everything else still loads.
Network LoadSnapshot(const std::filesystem::path& root);

// Adds one JSON document to `network` (for the fuzzer and tests; LoadSnapshot does the
// same with one parser for all files). `file_name` is how diagnostics name the file;
// `account`/`region` come from the layout. What spans documents (see
// ingest/document_merge.h) is joined after each call; call network.Finalize() after the
// last document.
void LoadDocument(Network& network, const std::string& file_name, std::string_view json,
                  const std::string& account = "", const std::string& region = "");

}  // namespace sgscope
