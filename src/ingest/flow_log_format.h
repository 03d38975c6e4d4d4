#pragma once
// The column layout of a VPC flow log: the default v2 format, an S3 file's header line, or
// an explicit field list (`--fields`).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/flow_record.h"

namespace sgscope::ingest {

// The fields of each column, in order. A column whose name this reader does not know
// (a field newer than v8) is kept as nullopt: its values are skipped, the name reported.
struct FlowLogFormat {
  std::vector<std::optional<FlowField>> columns;
  std::vector<std::string> unknown_fields;
  // A Transit Gateway flow log header (resource-type / tgw-id columns): its lines are not
  // VPC records and are skipped.
  bool transit_gateway = false;
  // The columns are exactly Default()'s: lines take the parser's fast path.
  bool default_layout = false;

  // version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes
  // start end action log-status: "the version 2 fields, in the order shown in the table".
  static FlowLogFormat Default();
  // Space-separated names, also in the ${name} form of the --log-format option. Fails
  // (with `error`) on an empty list or a field given twice.
  static std::optional<FlowLogFormat> Parse(std::string_view fields, std::string& error);
  // Whether `line` is a header rather than a record: its first word is a field name
  // (no record value is), or the resource-type of a Transit Gateway header.
  static bool IsHeader(std::string_view line);

  bool operator==(const FlowLogFormat&) const = default;
};

}  // namespace sgscope::ingest
