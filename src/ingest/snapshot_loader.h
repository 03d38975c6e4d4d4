#pragma once
// Loads a snapshot folder of AWS CLI JSON into the model. The only layer that knows AWS
// JSON spellings; everything after it works on sgscope::Network.

#include <filesystem>
#include <string>
#include <string_view>

#include "model/network.h"

namespace sgscope {

// Loads every *.json file under `root` (any of the layouts in docs/snapshot-format.md),
// recognising each file by its top-level keys. Never throws on bad input: problems become
// diagnostics in the result, and everything else still loads.
Network LoadSnapshot(const std::filesystem::path& root);

// Adds one JSON document to `network` (used by LoadSnapshot, the fuzzer and tests).
// `file_name` is how diagnostics name the file; `account`/`region` come from the layout.
// Call network.Finalize() after the last document.
void LoadDocument(Network& network, const std::string& file_name, std::string_view json,
                  const std::string& account = "", const std::string& region = "");

}  // namespace sgscope
