// libFuzzer entry point for the files `sgscope audit` reads beside the snapshot and for the
// line finder behind SARIF regions: any bytes must read as a suppressions file (YAML or JSON)
// or a baseline, and be scanned for JSON paths, without a crash, a sanitizer report or an
// exception. The first byte picks the reader; the rest is the file.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/audit_baseline.h"
#include "ingest/json_path_locator.h"
#include "ingest/suppressions_file.h"

namespace {

constexpr size_t kMaxInput = 64 * 1024;

// Paths of the shapes SourceRef holds, plus malformed ones.
const std::vector<std::string>& Paths() {
  static const std::vector<std::string> paths = {
      "", "SecurityGroups[0]", "SecurityGroups[1].IpPermissions[0].IpRanges[0]", "suppressions[2].reason",
      "findings[0].key", "[0]", "a.b[3][1]", "[", "a..b", "NetworkAcls[0].Entries[12]"};
  return paths;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxInput) return -1;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: sgscope::LoadSuppressionsFromText(text, "s.yaml", true); break;
    case 1: sgscope::LoadSuppressionsFromText(text, "s.json", false); break;
    case 2: sgscope::LoadAuditBaselineFromText(text, "baseline.json"); break;
    default:
      for (const auto& region : sgscope::ingest::LocateJsonPaths(text, Paths()))
        if (region && (region->start_line == 0 || region->end_line < region->start_line)) __builtin_trap();
  }
  return 0;
}
