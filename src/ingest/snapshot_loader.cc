// The ingest driver: list the snapshot's files, load them on every core (each file into a
// partial Network of its own, each thread with its own parser and reader), append the
// parts in file order so the result never depends on scheduling, join what spans
// documents, then Finalize (sort, index, check references). Nothing here throws: every
// problem becomes a diagnostic.

#include "ingest/snapshot_loader.h"

#include <algorithm>
#include <exception>
#include <numeric>

#include <simdjson.h>

#include "ingest/document_loader.h"
#include "ingest/document_merge.h"
#include "ingest/file_reader.h"
#include "ingest/parallel_tasks.h"
#include "ingest/partial_network.h"
#include "ingest/snapshot_layout.h"

namespace sgscope {

namespace {

// What one loading thread owns and reuses from file to file.
struct Worker {
  ingest::DocumentLoader loader;
  ingest::FileReader reader;
};

// Loads file number `index` of the snapshot into `part`.
void LoadFile(Worker& worker, const ingest::SnapshotFile& file, uint32_t index, Network& part) {
  std::string_view json;
  if (simdjson::error_code error = worker.reader.Read(file.path, json)) {
    part.diagnostics.Add(Severity::kError, file.name, "",
                         std::string("cannot read file: ") + simdjson::error_message(error));
    return;
  }
  worker.loader.Load(part, index, file.name, json.data(), json.size(), true, file.account, file.region);
}

// File indexes, largest file first, so that the big files spread over the threads.
std::vector<size_t> LargestFirst(const std::vector<ingest::SnapshotFile>& files) {
  std::vector<uintmax_t> sizes;
  for (const ingest::SnapshotFile& file : files) {
    std::error_code error;
    uintmax_t size = std::filesystem::file_size(file.path, error);
    sizes.push_back(error ? 0 : size);
  }
  std::vector<size_t> order(files.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

void LoadFiles(const std::vector<ingest::SnapshotFile>& files, Network& network) {
  for (const ingest::SnapshotFile& file : files) network.files.push_back(file.name);
  std::vector<Network> parts(files.size());
  std::vector<Worker> workers(ingest::WorkerCount(files.size()));
  ingest::RunTasks(LargestFirst(files), static_cast<unsigned>(workers.size()), [&](unsigned worker, size_t i) {
    LoadFile(workers[worker], files[i], static_cast<uint32_t>(i), parts[i]);
  });
  for (Network& part : parts) ingest::AppendPart(network, part);
}

void Finish(Network& network) {
  ingest::MergeDocuments(network);
  network.Finalize();
}

}  // namespace

Network LoadSnapshot(const std::filesystem::path& root) {
  Network network;
  try {
    LoadFiles(ingest::ListSnapshotFiles(root, network.diagnostics), network);
    Finish(network);
  } catch (const std::exception& e) {
    network.diagnostics.Add(Severity::kError, root.generic_string(), "", std::string("loading stopped: ") + e.what());
  }
  return network;
}

void LoadDocument(Network& network, const std::string& file_name, std::string_view json, const std::string& account,
                  const std::string& region) {
  thread_local ingest::DocumentLoader loader;
  auto file = static_cast<uint32_t>(network.files.size());
  network.files.push_back(file_name);
  loader.Load(network, file, file_name, json.data(), json.size(), false, account, region);
  try {
    ingest::MergeDocuments(network);
  } catch (const std::exception& e) {
    network.diagnostics.Add(Severity::kError, file_name, "", std::string("loading stopped: ") + e.what());
  }
}

}  // namespace sgscope
