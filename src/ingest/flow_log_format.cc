// Flow log formats: the default v2 layout, and custom layouts read from the header line
// VPC Flow Logs writes at the top of each S3 object ("the field names in the order of the
// format"), or from a field list given by the user.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html#flow-logs-s3-path

#include "ingest/flow_log_format.h"

#include <algorithm>

namespace sgscope::ingest {

namespace {

// Transit Gateway flow logs share the file layout but start with these columns:
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-flow-logs.html#flow-log-records
bool IsTransitGatewayField(std::string_view name) { return name == "resource-type" || name == "tgw-id"; }

// The next space-separated word of `text` from `pos`, "" at the end.
std::string_view NextWord(std::string_view text, size_t& pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r')) ++pos;
  size_t start = pos;
  while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\r') ++pos;
  return text.substr(start, pos - start);
}

// "${pkt-srcaddr}" -> "pkt-srcaddr"; other words unchanged.
std::string_view StripPlaceholder(std::string_view word) {
  if (word.size() > 3 && word.starts_with("${") && word.ends_with("}")) return word.substr(2, word.size() - 3);
  return word;
}

}  // namespace

FlowLogFormat FlowLogFormat::Default() {
  FlowLogFormat format;
  for (int i = 0; i <= static_cast<int>(FlowField::kLogStatus); ++i) format.columns.push_back(static_cast<FlowField>(i));
  format.default_layout = true;
  return format;
}

std::optional<FlowLogFormat> FlowLogFormat::Parse(std::string_view fields, std::string& error) {
  FlowLogFormat format;
  size_t pos = 0;
  for (std::string_view word = NextWord(fields, pos); !word.empty(); word = NextWord(fields, pos)) {
    word = StripPlaceholder(word);
    std::optional<FlowField> field = FlowFieldByName(word);
    if (field && std::count(format.columns.begin(), format.columns.end(), field)) {
      error = "field '" + std::string(word) + "' given twice";
      return std::nullopt;
    }
    if (!field) format.unknown_fields.emplace_back(word);
    if (IsTransitGatewayField(word)) format.transit_gateway = true;
    format.columns.push_back(field);
  }
  if (format.columns.empty()) {
    error = "no fields";
    return std::nullopt;
  }
  format.default_layout = format.columns == Default().columns;
  return format;
}

bool FlowLogFormat::IsHeader(std::string_view line) {
  // Every field name starts with a letter or "${"; most records start with a digit or "-",
  // which spares the hot path the name lookup.
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos || !((line[start] >= 'a' && line[start] <= 'z') || line[start] == '$'))
    return false;
  size_t pos = 0;
  std::string_view first = StripPlaceholder(NextWord(line, pos));
  return FlowFieldByName(first).has_value() || IsTransitGatewayField(first);
}

}  // namespace sgscope::ingest
