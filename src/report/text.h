#pragma once
// Helpers for readable terminal output.

#include <cstdint>
#include <string>
#include <string_view>

namespace sgscope {

// `text` with control characters (including ESC) shown as \xNN, so names and descriptions
// from the input cannot move the cursor or recolour a terminal.
std::string TerminalSafe(std::string_view text);

// "2015-05-29T16:37:07Z": Unix seconds as an ISO 8601 UTC time.
std::string UtcTimeText(int64_t unix_seconds);

}  // namespace sgscope
