#pragma once
// Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices):
// https://github.com/apache/parquet-format/blob/master/Encodings.md#run-length-encoding--bit-packing-hybrid-rle--3

#include <cstdint>
#include <string_view>

namespace sgscope::ingest {

// The `width`-bit value (width <= 64) starting `bit` bits into `data`, least significant bit
// first, as Parquet packs bits; the caller checks that the bits lie inside `data`.
uint64_t UnpackBits(std::string_view data, uint64_t bit, int width);

// Decodes values one at a time, so a run of a billion nulls costs no memory: RLE runs
// (a count and one value) and bit-packed runs (groups of 8 values) alternate.
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  RleBitPackedDecoder(std::string_view data, int bit_width);

  // The next value; false when the data ends or is corrupt (a run past the end).
  bool Next(uint32_t& value);
  bool failed() const { return failed_; }

 private:
  bool StartRun();

  std::string_view data_;
  size_t pos_ = 0;
  int width_ = 0;
  bool failed_ = false;
  uint64_t run_left_ = 0;      // values left in the current run
  bool packed_ = false;        // the current run is bit-packed
  uint32_t run_value_ = 0;     // an RLE run's value
  std::string_view packed_data_;  // a bit-packed run's bytes
  uint64_t packed_index_ = 0;
};

}  // namespace sgscope::ingest
