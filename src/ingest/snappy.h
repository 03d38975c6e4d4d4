#pragma once
// Raw Snappy block decompression (no framing), the default codec of Parquet writers such as
// DuckDB: https://github.com/google/snappy/blob/main/format_description.txt

#include <string>
#include <string_view>

namespace sgscope::ingest {

// The uncompressed length a Snappy block announces in its preamble, or false when the
// preamble is not a valid varint.
bool SnappyUncompressedLength(std::string_view input, size_t& length);

// Decompresses the block `input` into `output`, which must be exactly the announced length
// (callers check that length against their own limit before resizing). Returns "" or what
// is wrong (a copy before the start, a literal past the end, a length mismatch).
std::string SnappyDecompress(std::string_view input, char* output, size_t output_size);

}  // namespace sgscope::ingest
