#pragma once
// Parsing one flow log line into a FlowRecord: the reader's hot path.

#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/flow_log_format.h"
#include "model/flow_record.h"

namespace sgscope::ingest {

enum class LineKind : uint8_t { kRecord, kTransitGateway, kMalformed };

// Stores one value `word` of `field` in `record`, as each word of a line is stored: "-"
// leaves the field absent, numbers, addresses and enum words are checked, a text field
// becomes the span `offset` of the batch buffer. Also spots Transit Gateway records.
LineKind StoreFlowWord(FlowField field, std::string_view word, uint32_t offset, FlowRecord& record,
                       std::string& error);

// Parses `line` (no newline) laid out as `format` into `record`, whose fields outside the
// default layout must be as constructed (FlowRecord{}); its default-layout fields and
// presence bits may hold anything (a record parsed before): the fast path writes all of them
// and nothing else, the general path resets the record first (a reset costs as much as a
// parse). record.line is kept. Text spans are `line_offset` + position in the line, i.e.
// relative to the batch buffer `line` lies in. kTransitGateway: a Transit Gateway record
// (version 6 or resource type "TransitGateway"), not a VPC one. kMalformed: `error` names
// the field and value.
LineKind ParseFlowLine(std::string_view line, const FlowLogFormat& format, uint32_t line_offset, FlowRecord& record,
                       std::string& error);

}  // namespace sgscope::ingest
