// The ingest driver: list the snapshot's files, load each into one Network with one
// reused parser, join what spans documents, then Finalize (sort, index, check references).
// Nothing here throws: every problem becomes a diagnostic.

#include "ingest/snapshot_loader.h"

#include <exception>

#include <simdjson.h>

#include "ingest/document_loader.h"
#include "ingest/document_merge.h"
#include "ingest/snapshot_layout.h"

namespace sgscope {

namespace {

void LoadFile(ingest::DocumentLoader& loader, Network& network, const ingest::SnapshotFile& file) {
  simdjson::padded_string json;
  if (simdjson::error_code error = simdjson::padded_string::load(file.path.string()).get(json)) {
    network.files.push_back(file.name);
    network.diagnostics.Add(Severity::kError, file.name, "",
                            std::string("cannot read file: ") + simdjson::error_message(error));
    return;
  }
  loader.Load(network, file.name, json.data(), json.size(), true, file.account, file.region);
}

void Finish(Network& network) {
  ingest::MergeDocuments(network);
  network.Finalize();
}

}  // namespace

Network LoadSnapshot(const std::filesystem::path& root) {
  Network network;
  try {
    ingest::DocumentLoader loader;
    for (const ingest::SnapshotFile& file : ingest::ListSnapshotFiles(root, network.diagnostics))
      LoadFile(loader, network, file);
    Finish(network);
  } catch (const std::exception& e) {
    network.diagnostics.Add(Severity::kError, root.generic_string(), "", std::string("loading stopped: ") + e.what());
  }
  return network;
}

void LoadDocument(Network& network, const std::string& file_name, std::string_view json, const std::string& account,
                  const std::string& region) {
  thread_local ingest::DocumentLoader loader;
  loader.Load(network, file_name, json.data(), json.size(), false, account, region);
  try {
    ingest::MergeDocuments(network);
  } catch (const std::exception& e) {
    network.diagnostics.Add(Severity::kError, file_name, "", std::string("loading stopped: ") + e.what());
  }
}

}  // namespace sgscope
