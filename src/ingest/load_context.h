#pragma once
// What every parser of one document shares: the network being filled, the file's name
// and index, the account/region from the folder layout, and the once-per-file notes
// (unknown fields, unmodelled features) that are counted rather than repeated.

#include <map>
#include <string>
#include <string_view>

#include "model/network.h"

namespace sgscope::ingest {

class JsonCursor;

// Loading state of one JSON document, whose name the caller has put at `network.files`
// position `file` (of the final network: a file may load into a partial one, in parallel
// with others). Finish() emits the counted notes.
class LoadContext {
 public:
  LoadContext(Network& network, uint32_t file, const std::string& file_name, const std::string& account,
              const std::string& region);
  LoadContext(const LoadContext&) = delete;
  LoadContext& operator=(const LoadContext&) = delete;

  Network& network() { return network_; }
  uint32_t file() const { return file_; }
  const std::string& file_name() const { return file_name_; }
  const std::string& account() const { return account_; }
  const std::string& region() const { return region_; }

  // The document's top-level object, for the few shapes that read a sibling key.
  const JsonCursor* root() const { return root_; }
  void set_root(const JsonCursor* root) { root_ = root; }

  void Report(Severity severity, std::string path, std::string message);
  // An item (rule, entry, route...) that was not loaded; counted per kind.
  void Skip(std::string_view kind, size_t count = 1);
  // Reports `message` once per document and `key`, with the number of occurrences and the
  // path of the first one. Used for unknown fields and unmodelled features.
  void NoteOnce(Severity severity, std::string_view key, std::string_view message, const JsonCursor& where);
  void Finish();

 private:
  struct Note {
    Severity severity;
    std::string path;
    std::string message;
    size_t count = 0;
  };

  Network& network_;
  uint32_t file_;
  std::string file_name_;
  std::string account_;
  std::string region_;
  const JsonCursor* root_ = nullptr;
  std::map<std::string, Note, std::less<>> notes_;
};

}  // namespace sgscope::ingest
