#pragma once
// Helpers for readable terminal output.

#include <string>
#include <string_view>

namespace sgscope {

// `text` with control characters (including ESC) shown as \xNN, so names and descriptions
// from the input cannot move the cursor or recolour a terminal.
std::string TerminalSafe(std::string_view text);

}  // namespace sgscope
