#pragma once
// Parquet's DELTA_BINARY_PACKED integer encoding (data pages of Parquet format version 2, as
// DuckDB writes with PARQUET_VERSION v2), also the lengths of DELTA_LENGTH_BYTE_ARRAY:
// https://github.com/apache/parquet-format/blob/master/Encodings.md#delta-encoding-delta_binary_packed--5

#include <cstdint>
#include <string_view>
#include <vector>

namespace sgscope::ingest {

// Decodes the values one at a time: a header (block size, miniblocks per block, count,
// first value), then blocks of a minimum delta, one bit width per miniblock and the
// bit-packed deltas above that minimum.
class DeltaBinaryPackedDecoder {
 public:
  DeltaBinaryPackedDecoder() = default;
  explicit DeltaBinaryPackedDecoder(std::string_view data);

  // The next value; false after the last one or on corrupt data (failed()).
  bool Next(int64_t& value);
  bool failed() const { return failed_; }
  uint64_t count() const { return total_; }
  // The offset just past the encoded values (walks the blocks without decoding them); what
  // follows is the string bytes of DELTA_LENGTH_BYTE_ARRAY. Fails on a truncated block.
  bool End(size_t& end) const;

 private:
  bool ReadVarint(size_t& pos, uint64_t& value) const;
  bool StartBlock(size_t& pos, int64_t& min_delta, std::vector<uint8_t>& widths) const;
  bool NextMiniblock();

  std::string_view data_;
  size_t pos_ = 0, header_end_ = 0;
  bool failed_ = false;
  uint64_t block_size_ = 0, miniblocks_ = 0, per_miniblock_ = 0, total_ = 0, returned_ = 0;
  uint64_t last_ = 0;  // deltas wrap around, as the writer computed them
  int64_t min_delta_ = 0;
  std::vector<uint8_t> widths_;
  uint64_t miniblock_ = 0;       // index in the block of the current miniblock
  std::string_view mini_data_;   // its bytes
  uint64_t mini_index_ = 0;      // values read from it
  int width_ = 0;
};

}  // namespace sgscope::ingest
