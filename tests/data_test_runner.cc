// Data-driven tests: each tests/data/**/*.test file holds cases of the form
//
//   # what this case proves, and where the expectation comes from
//   command: trace ${BATFISH}/test-public-subnet --from internet --to 18.216.80.133 ...
//   exit: 1                        (optional; expected exit code, default 0)
//   expect: /disposition = DENIED_SG_INGRESS   (optional, repeatable; JSON pointer into
//                                   the command's --format json output; hand-written,
//                                   never rewritten by --update; `= <absent>`: no such member)
//   ----
//   <expected output, exactly>
//   ====
//
// The command runs in-process through the real CLI. `--update` rewrites the expected
// output blocks from what the commands print now; `expect:` lines stay as written, so an
// update can never hide a wrong answer. Variables: ${ROOT} (the repo), ${SHARED}
// (../shared beside it) and ${BATFISH} (the Batfish AWS test snapshots in shared/).

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace fs = std::filesystem;

namespace {

struct TestCase {
  std::vector<std::string> comments;
  std::string command;
  int exit_code = 0;
  std::vector<std::string> expects;
  std::string expected_output;
};

struct Paths {
  fs::path root, shared, batfish;
};

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
}

// Variables and their values, longest value first so ${BATFISH} wins over ${SHARED}.
std::vector<std::pair<std::string, std::string>> Variables(const Paths& paths) {
  return {{"${BATFISH}", paths.batfish.string()}, {"${SHARED}", paths.shared.string()},
          {"${ROOT}", paths.root.string()}};
}

std::string Substitute(std::string s, const Paths& paths) {
  for (auto& [var, value] : Variables(paths)) ReplaceAll(s, var, value);
  return s;
}

// The inverse of Substitute, so outputs that echo a path are the same on every machine.
std::string Unsubstitute(std::string s, const Paths& paths) {
  for (auto& [var, value] : Variables(paths)) ReplaceAll(s, value, var);
  return s;
}

std::vector<std::string> SplitArgs(const std::string& command) {
  std::vector<std::string> args;
  std::istringstream in(command);
  for (std::string a; in >> a;) args.push_back(a);
  return args;
}

std::vector<TestCase> ParseTestFile(const fs::path& file) {
  std::ifstream in(file);
  std::vector<TestCase> cases;
  TestCase current;
  bool in_output = false;
  for (std::string line; std::getline(in, line);) {
    if (in_output) {
      if (line == "====") {
        cases.push_back(std::move(current));
        current = TestCase();
        in_output = false;
      } else {
        current.expected_output += line + "\n";
      }
    } else if (line.rfind("command: ", 0) == 0) {
      current.command = line.substr(9);
    } else if (line.rfind("exit: ", 0) == 0) {
      current.exit_code = std::stoi(line.substr(6));
    } else if (line.rfind("expect: ", 0) == 0) {
      current.expects.push_back(line.substr(8));
    } else if (line == "----") {
      in_output = true;
    } else if (!line.empty()) {
      current.comments.push_back(line);
    }
  }
  if (!current.command.empty()) cases.push_back(std::move(current));
  return cases;
}

void WriteTestFile(const fs::path& file, const std::vector<TestCase>& cases) {
  std::ofstream out(file);
  for (size_t i = 0; i < cases.size(); ++i) {
    const TestCase& c = cases[i];
    if (i) out << "\n";
    for (auto& comment : c.comments) out << comment << "\n";
    out << "command: " << c.command << "\n";
    if (c.exit_code) out << "exit: " << c.exit_code << "\n";
    for (auto& e : c.expects) out << "expect: " << e << "\n";
    out << "----\n" << c.expected_output << "====\n";
  }
}

// Checks "expect: /json/pointer = value" against the output; returns "" or the failure.
std::string CheckExpectation(const std::string& expectation, const std::string& output) {
  size_t eq = expectation.find(" = ");
  if (eq == std::string::npos) return "malformed expect line: " + expectation;
  std::string pointer = expectation.substr(0, eq), want = expectation.substr(eq + 3);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(output).get(doc)) return "output is not JSON";
  simdjson::dom::element value;
  bool found = !doc.at_pointer(pointer).get(value);
  if (want == "<absent>") return found ? pointer + " is present, expected it absent" : "";
  if (!found) return pointer + " not found in the output";
  std::string_view text;
  std::string got = value.get_string().get(text) == simdjson::SUCCESS ? std::string(text)
                                                                       : simdjson::minify(value);
  return got == want ? "" : pointer + " is " + got + ", expected " + want;
}

// Runs one case; returns the failure messages (empty = pass).
std::vector<std::string> RunCase(TestCase& c, const Paths& paths, bool update) {
  std::ostringstream out, err;
  std::vector<std::string> args = SplitArgs(Substitute(c.command, paths));
  int code = sgscope::RunCli(args, out, err);
  std::string output = Unsubstitute(out.str() + err.str(), paths);
  std::vector<std::string> failures;
  if (code != c.exit_code)
    failures.push_back("exit code " + std::to_string(code) + ", expected " + std::to_string(c.exit_code));
  if (!c.expects.empty()) {
    // Expectations read the JSON form; the golden output stays in whatever form the case asks for.
    std::ostringstream json, json_err;
    if (std::find(args.begin(), args.end(), "--format") == args.end()) args.insert(args.end(), {"--format", "json"});
    sgscope::RunCli(args, json, json_err);
    for (auto& e : c.expects)
      if (std::string f = CheckExpectation(e, json.str()); !f.empty()) failures.push_back(f);
  }
  if (update) {
    c.expected_output = output;
  } else if (output != c.expected_output) {
    failures.push_back("output differs.\n--- expected\n" + c.expected_output + "--- actual\n" + output);
  }
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  Paths paths;
  paths.root = fs::current_path();
  bool update = false;
  std::string filter;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--update") update = true;
    else if (a == "--root" && i + 1 < argc) paths.root = argv[++i];
    else if (a == "--filter" && i + 1 < argc) filter = argv[++i];
  }
  paths.root = fs::absolute(paths.root).lexically_normal();
  paths.shared = (paths.root / ".." / "shared").lexically_normal();
  paths.batfish = paths.shared / "data/batfish/projects/batfish/src/test/resources/org/batfish/representation/aws";
  bool have_shared = fs::is_directory(paths.shared);

  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(paths.root / "tests" / "data"))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());

  int passed = 0, failed = 0, skipped = 0;
  for (auto& file : files) {
    if (!filter.empty() && file.string().find(filter) == std::string::npos) continue;
    auto cases = ParseTestFile(file);
    for (auto& c : cases) {
      bool needs_shared = c.command.find("${SHARED}") != std::string::npos ||
                          c.command.find("${BATFISH}") != std::string::npos;
      if (needs_shared && !have_shared) {
        ++skipped;
        continue;
      }
      auto failures = RunCase(c, paths, update);
      if (failures.empty()) {
        ++passed;
        continue;
      }
      ++failed;
      std::cout << "FAIL " << fs::relative(file, paths.root).string() << ": " << c.command << "\n";
      for (auto& f : failures) std::cout << "  " << f << "\n";
    }
    if (update) WriteTestFile(file, cases);
  }
  std::cout << passed << " passed, " << failed << " failed";
  if (skipped) std::cout << ", " << skipped << " skipped";
  std::cout << "\n";
  return failed ? 1 : 0;
}
