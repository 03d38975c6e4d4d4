// Walking a snapshot folder. Layouts that load unchanged: a flat folder;
// aws_configs/<region>/; aws_configs/<account>/<region>/; Batfish's
// aws_configs/accounts/<account>/<region>/; CloudMapper's account-data/<account>/<region>/.
// The account is the folder after "accounts" or "account-data", a 12-digit folder name,
// or the folder between aws_configs and a region folder; the region is a folder named
// like an AWS region (https://docs.aws.amazon.com/general/latest/gr/rande.html).
// Files are sorted by name so loading never depends on directory order.

#include "ingest/snapshot_layout.h"

#include <algorithm>
#include <array>

namespace sgscope::ingest {

namespace fs = std::filesystem;

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool AllLower(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool IsJsonFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".json";
}

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

bool LooksLikeRegion(std::string_view s) {
  static constexpr std::array<std::string_view, 9> kDirections = {
      "central", "east", "north", "northeast", "northwest", "south", "southeast", "southwest", "west"};
  std::vector<std::string_view> parts = Split(s, '-');
  auto short_word = [](std::string_view p) { return p.size() >= 2 && p.size() <= 4 && AllLower(p); };
  if (parts.size() < 3 || parts.size() > 4) return false;
  // "us", or a partition prefix and qualifier: "us-gov", "us-isob", "eusc-de".
  if (!short_word(parts[0]) || (parts.size() == 4 && !short_word(parts[1]))) return false;
  std::string_view direction = parts[parts.size() - 2], number = parts.back();
  return std::find(kDirections.begin(), kDirections.end(), direction) != kDirections.end() &&
         AllDigits(number) && number.size() <= 2;
}

void AccountAndRegion(std::string_view name, std::string& account, std::string& region) {
  std::vector<std::string_view> dirs = Split(name, '/');
  dirs.pop_back();  // the file itself
  account.clear(), region.clear();
  for (size_t i = 0; i < dirs.size(); ++i) {
    std::string_view d = dirs[i];
    bool next_is_region = i + 1 < dirs.size() && LooksLikeRegion(dirs[i + 1]);
    if (LooksLikeRegion(d)) {
      region = d;
    } else if (i > 0 && (dirs[i - 1] == "accounts" || dirs[i - 1] == "account-data")) {
      account = d;
    } else if ((d.size() == 12 && AllDigits(d)) || (i > 0 && dirs[i - 1] == "aws_configs" && next_is_region)) {
      account = d;
    }
  }
}

std::vector<SnapshotFile> ListSnapshotFiles(const fs::path& root, Diagnostics& diagnostics) {
  std::vector<SnapshotFile> files;
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) {
    files.push_back({root, root.filename().generic_string(), "", ""});
    return files;
  }
  if (!fs::is_directory(root, ec)) {
    diagnostics.Add(Severity::kError, root.generic_string(), "", "snapshot folder does not exist");
    return files;
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (IsHidden(p)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || !IsJsonFile(p)) continue;
    SnapshotFile f{p, p.lexically_relative(root).generic_string(), "", ""};
    AccountAndRegion(f.name, f.account, f.region);
    files.push_back(std::move(f));
  }
  if (ec) diagnostics.Add(Severity::kError, root.generic_string(), "", "cannot read folder: " + ec.message());
  std::sort(files.begin(), files.end(), [](const SnapshotFile& a, const SnapshotFile& b) { return a.name < b.name; });
  if (files.empty()) diagnostics.Add(Severity::kError, root.generic_string(), "", "no .json files in the snapshot");
  return files;
}

}  // namespace sgscope::ingest
