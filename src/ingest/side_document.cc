// One JSON or YAML document beside the snapshot, read through the snapshot's own JSON cursor
// so that its diagnostics have the same shape (file, JSON path, message). The load context
// reports into a scratch network, of which only the diagnostics are kept.

#include "ingest/side_document.h"

#include <simdjson.h>

#include <optional>

#include "ingest/load_context.h"
#include "ingest/yaml_document.h"

namespace sgscope::ingest {

namespace {

void Parse(LoadContext& context, std::string_view text, bool is_yaml, const std::function<void(JsonCursor&)>& read) {
  std::optional<std::string> json;
  if (is_yaml) {
    std::string error;
    json = YamlToJson(text, error);
    if (!json) return context.Report(Severity::kError, "", "not valid YAML: " + error);
    text = *json;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (simdjson::error_code error = parser.parse(simdjson::padded_string(text)).get(root))
    return context.Report(Severity::kError, "", std::string("not valid JSON: ") + simdjson::error_message(error));
  JsonCursor cursor(context, root, PathStep{});
  read(cursor);
}

// Runs `body` with a load context for the file and returns its diagnostics.
template <typename Body>
Diagnostics WithContext(const std::string& file_name, uint32_t file, Body body) {
  Network scratch;
  {
    LoadContext context(scratch, file, file_name, "", "");
    body(context);
    context.Finish();
  }
  return std::move(scratch.diagnostics);
}

}  // namespace

Diagnostics ReadSideDocument(std::string_view text, bool is_yaml, const std::string& file_name, uint32_t file,
                             const std::function<void(JsonCursor&)>& read) {
  return WithContext(file_name, file, [&](LoadContext& context) { Parse(context, text, is_yaml, read); });
}

Diagnostics ReadSideFile(const std::filesystem::path& path, std::string_view what, const std::string& file_name,
                         uint32_t file, const std::function<void(JsonCursor&)>& read) {
  simdjson::padded_string text;
  simdjson::error_code error = simdjson::padded_string::load(path.string()).get(text);
  bool is_yaml = path.extension() == ".yaml" || path.extension() == ".yml";
  return WithContext(file_name, file, [&](LoadContext& context) {
    if (error)
      context.Report(Severity::kError, "",
                     "cannot read the " + std::string(what) + ": " + simdjson::error_message(error));
    else
      Parse(context, std::string_view(text.data(), text.size()), is_yaml, read);
  });
}

}  // namespace sgscope::ingest
