#pragma once
// The command-line interface: parses arguments, runs one subcommand, returns the exit code.

#include <ostream>
#include <string>
#include <vector>

namespace sgscope {

// Exit codes live here alone (design.md §5).
inline constexpr int kExitOk = 0;
inline constexpr int kExitDenied = 1;  // trace: the flow does not get through
inline constexpr int kExitFindings = 1;  // audit --fail-on: a reported finding at or above the severity
inline constexpr int kExitUsage = 2;   // bad arguments, unreadable snapshot, unknown endpoint

// Runs `sgscope args...` (args excludes the program name), writing to `out`/`err`.
// In-process so that the data-driven tests exercise exactly what users run.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace sgscope
