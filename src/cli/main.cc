// Entry point: hands the arguments to the CLI layer.

#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return sgscope::RunCli(args, std::cout, std::cerr);
}
