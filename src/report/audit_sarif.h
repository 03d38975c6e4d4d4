#pragma once
// `sgscope audit --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (docs/audit.md,
// "SARIF").

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "checks/audit.h"
#include "checks/audit_triage.h"

namespace sgscope {

// GitHub rejects a run with more results:
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
// ("Results per run: 25,000").
inline constexpr size_t kGitHubMaxResults = 25'000;

// Where the snapshot's files are, so results can point at their lines.
struct SarifOptions {
  std::filesystem::path snapshot;             // as given on the command line (a folder or one file)
  std::optional<std::filesystem::path> root;  // --sarif-root: artifact URIs relative to it
  size_t max_results = kGitHubMaxResults;     // the most severe are kept; the run counts the rest
};

// The artifact URI of a snapshot file: relative to `root` when given (the repository root, as
// GitHub wants), else the path as given; an absolute path becomes a file:// URI.
std::string SarifArtifactUri(const SarifOptions& options, const std::string& snapshot_file);

// One run: a rule per check that ran, a result per reported finding (suppressed and baseline
// findings are left out: GitHub would open an alert for a suppressed result), at most
// `max_results` of them, most severe first; the run's properties count those left out.
void WriteAuditSarif(const Network& network, const AuditResult& result, const AuditTriage& triage,
                     const SarifOptions& options, std::ostream& out);

}  // namespace sgscope
