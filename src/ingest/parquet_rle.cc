// The RLE / bit-packed hybrid decoder behind definition levels and dictionary indices. Run
// lengths come off the file, so a bit-packed run is checked against the bytes left before
// it is used, and values are produced lazily rather than expanded into a buffer.
// https://github.com/apache/parquet-format/blob/master/Encodings.md#run-length-encoding--bit-packing-hybrid-rle--3

#include "ingest/parquet_rle.h"

namespace sgscope::ingest {

uint64_t UnpackBits(std::string_view data, uint64_t bit, int width) {
  uint64_t value = 0;
  for (int done = 0; done < width;) {
    uint64_t byte = static_cast<uint8_t>(data[(bit + done) / 8]);
    int shift = static_cast<int>((bit + done) % 8);
    int take = std::min(8 - shift, width - done);
    value |= ((byte >> shift) & ((1u << take) - 1)) << done;
    done += take;
  }
  return value;
}

RleBitPackedDecoder::RleBitPackedDecoder(std::string_view data, int bit_width) : data_(data), width_(bit_width) {
  failed_ = bit_width < 0 || bit_width > 32;
}

bool RleBitPackedDecoder::StartRun() {
  uint64_t header = 0;
  int shift = 0;
  for (;; shift += 7) {
    if (pos_ >= data_.size() || shift > 56) return false;
    auto byte = static_cast<uint8_t>(data_[pos_++]);
    header |= uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) break;
  }
  packed_ = header & 1;
  if (packed_) {  // header >> 1 groups of 8 values, width bytes each
    uint64_t groups = header >> 1;
    uint64_t bytes = width_ ? groups * width_ : 0;
    if (groups > data_.size() || bytes > data_.size() - pos_) return failed_ = true, false;
    packed_data_ = data_.substr(pos_, bytes);
    packed_index_ = 0;
    pos_ += bytes;
    run_left_ = groups * 8;
  } else {  // header >> 1 repeats of one value stored in ceil(width / 8) bytes
    size_t bytes = (width_ + 7) / 8;
    if (bytes > data_.size() - pos_) return failed_ = true, false;
    run_value_ = static_cast<uint32_t>(UnpackBits(data_.substr(pos_, bytes), 0, width_));
    pos_ += bytes;
    run_left_ = header >> 1;
  }
  return true;
}

bool RleBitPackedDecoder::Next(uint32_t& value) {
  while (run_left_ == 0)
    if (failed_ || !StartRun()) return false;
  --run_left_;
  value = packed_ ? static_cast<uint32_t>(UnpackBits(packed_data_, packed_index_++ * width_, width_)) : run_value_;
  return true;
}

}  // namespace sgscope::ingest
