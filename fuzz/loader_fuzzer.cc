// libFuzzer entry point for the ingest layer: any bytes must load without a crash, a
// sanitizer report or an exception, and leave a Network that Finalize() accepts.
// A NUL byte (which JSON text cannot contain) splits the input into two documents, so
// that the merges across documents (instance interfaces, rule ids, prefix-list entries,
// transit gateway parts) are fuzzed too.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/snapshot_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\0');
  sgscope::Network network;
  sgscope::LoadDocument(network, "first.json", input.substr(0, split), "123456789012", "us-east-1");
  if (split != std::string_view::npos)
    sgscope::LoadDocument(network, "pl-0123456789abcdef0.json", input.substr(split + 1));
  network.Finalize();
  // The loader turns exceptions into a "loading stopped" diagnostic; on fuzz input that
  // means an unexpected throw, which is a bug to find.
  for (const sgscope::Diagnostic& d : network.diagnostics.items())
    if (d.message.starts_with("loading stopped")) __builtin_trap();
  return 0;
}
