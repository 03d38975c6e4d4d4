#pragma once
// The snapshot folder: which files to read, in which order, and the account and region
// each one belongs to, read from the folder names of the layouts in use today.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace sgscope::ingest {

// One JSON file of a snapshot.
struct SnapshotFile {
  std::filesystem::path path;
  std::string name;  // relative to the snapshot root, '/'-separated; how diagnostics name it
  std::string account;
  std::string region;
};

// Every *.json file under `root` (or `root` itself when it is a file), sorted by name.
// Hidden files and folders are skipped. Problems (no such folder, no JSON) are errors.
std::vector<SnapshotFile> ListSnapshotFiles(const std::filesystem::path& root, Diagnostics& diagnostics);

// Account and region from the folders of a relative file name, e.g.
// "aws_configs/accounts/111/us-west-1/Vpcs.json" -> "111", "us-west-1". Empty when unknown.
void AccountAndRegion(std::string_view name, std::string& account, std::string& region);

// "us-east-1", "us-gov-west-1", "cn-north-1", "us-isob-east-1", "eusc-de-east-1"...
bool LooksLikeRegion(std::string_view s);

}  // namespace sgscope::ingest
