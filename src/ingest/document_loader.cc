// One document: parse, then dispatch each top-level key through the resource table.
// A document that is not JSON is one error naming the file (with simdjson's reason);
// a key nobody knows is a warning; a known AWS kind that sgscope does not model yet is
// one info line with the number of items skipped.

#include "ingest/document_loader.h"

#include <exception>

#include "ingest/json_cursor.h"
#include "ingest/load_context.h"
#include "ingest/resource_loaders.h"
#include "ingest/resource_table.h"

namespace sgscope::ingest {

namespace {

size_t ItemCount(simdjson::dom::element value) {
  simdjson::dom::array array;
  return value.get_array().get(array) == simdjson::SUCCESS ? array.size() : 1;
}

void LoadKey(LoadContext& context, std::string_view key, simdjson::dom::element value) {
  JsonCursor list(context, value, PathStep{nullptr, PathStep::Kind::kMember, key, 0});
  const ResourceKind* kind = FindResourceKind(key);
  if (!kind) {
    list.Report(Severity::kWarning, "unknown top-level key \"" + std::string(key) +
                                        "\": not an AWS output sgscope recognises; ignored");
    context.Skip(key, ItemCount(value));
    return;
  }
  if (kind->treatment == KeyTreatment::kLoad) return kind->load(list);
  if (kind->treatment == KeyTreatment::kSilent) return;
  ReportNotModelled(list, key, ItemCount(value));
}

void LoadRoot(LoadContext& context, simdjson::dom::element root) {
  JsonCursor document(context, root, PathStep{});
  if (!document.is_object()) {
    document.Error(std::string("expected a JSON object with keys such as SecurityGroups or Vpcs, found ") +
                   JsonTypeName(root.type()));
    return;
  }
  context.set_root(&document);
  simdjson::dom::object members = root.get_object().value_unsafe();
  for (simdjson::dom::key_value_pair member : members) LoadKey(context, member.key, member.value);
  context.set_root(nullptr);
}

}  // namespace

void ReportNotModelled(JsonCursor& list, std::string_view key, size_t n) {
  if (n == 0) return;
  list.Report(Severity::kInfo, "resource kind " + std::string(key) + " is not modelled yet; " + std::to_string(n) +
                                   (n == 1 ? " item" : " items") + " skipped");
  list.context().Skip(key, n);
}

void DocumentLoader::Load(Network& network, uint32_t file, const std::string& file_name, const char* data,
                          size_t size, bool padded, const std::string& account, const std::string& region) {
  try {
    LoadContext context(network, file, file_name, account, region);
    try {
      simdjson::dom::element root;
      if (simdjson::error_code error = parser_.parse(data, size, !padded).get(root))
        context.Report(Severity::kError, "", std::string("not valid JSON: ") + simdjson::error_message(error));
      else
        LoadRoot(context, root);
    } catch (const std::exception& e) {
      context.Report(Severity::kError, "", std::string("loading stopped: ") + e.what());
    }
    context.Finish();
  } catch (const std::exception& e) {
    network.diagnostics.Add(Severity::kError, file_name, "", std::string("loading stopped: ") + e.what());
  }
}

}  // namespace sgscope::ingest
