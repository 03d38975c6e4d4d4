// DELTA_BINARY_PACKED decoding, value by value. Block and miniblock sizes come off the file,
// so they are checked (block size a multiple of 128, miniblocks of a multiple of 32 values,
// bit widths <= 64, miniblock bytes inside the page) before any value is read.
// https://github.com/apache/parquet-format/blob/master/Encodings.md#delta-encoding-delta_binary_packed--5

#include "ingest/parquet_delta.h"

#include "ingest/parquet_rle.h"

namespace sgscope::ingest {

namespace {

constexpr uint64_t kMaxMiniblocks = 512;    // bit-width bytes per block; writers use 4
constexpr uint64_t kMaxBlockSize = 1 << 20;  // values per block; writers use 128 to 2048

int64_t Zigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace

bool DeltaBinaryPackedDecoder::ReadVarint(size_t& pos, uint64_t& value) const {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= data_.size()) return false;
    auto byte = static_cast<uint8_t>(data_[pos++]);
    value |= uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

DeltaBinaryPackedDecoder::DeltaBinaryPackedDecoder(std::string_view data) : data_(data) {
  uint64_t first;
  failed_ = !ReadVarint(pos_, block_size_) || !ReadVarint(pos_, miniblocks_) || !ReadVarint(pos_, total_) ||
            !ReadVarint(pos_, first) || block_size_ == 0 || block_size_ > kMaxBlockSize || block_size_ % 128 ||
            miniblocks_ == 0 || miniblocks_ > kMaxMiniblocks || block_size_ % miniblocks_ ||
            (block_size_ / miniblocks_) % 32;
  if (failed_) return;
  per_miniblock_ = block_size_ / miniblocks_;
  header_end_ = pos_;
  last_ = static_cast<uint64_t>(Zigzag(first));
  miniblock_ = miniblocks_;  // the first delta starts a block
}

bool DeltaBinaryPackedDecoder::StartBlock(size_t& pos, int64_t& min_delta, std::vector<uint8_t>& widths) const {
  uint64_t v;
  if (!ReadVarint(pos, v) || data_.size() - pos < miniblocks_) return false;
  min_delta = Zigzag(v);
  widths.assign(data_.begin() + pos, data_.begin() + pos + miniblocks_);
  pos += miniblocks_;
  for (uint8_t w : widths)
    if (w > 64) return false;
  return true;
}

bool DeltaBinaryPackedDecoder::NextMiniblock() {
  if (++miniblock_ >= miniblocks_) {
    if (!StartBlock(pos_, min_delta_, widths_)) return false;
    miniblock_ = 0;
  }
  width_ = widths_[miniblock_];
  uint64_t bytes = per_miniblock_ * width_ / 8;
  // The last miniblock may be cut short: only the values actually read must be present.
  mini_data_ = data_.substr(pos_, bytes);
  pos_ += mini_data_.size();
  mini_index_ = 0;
  return true;
}

bool DeltaBinaryPackedDecoder::Next(int64_t& value) {
  if (failed_ || returned_ >= total_) return false;
  if (returned_++ > 0) {
    if ((miniblock_ >= miniblocks_ || mini_index_ == per_miniblock_) && !NextMiniblock()) return failed_ = true, false;
    uint64_t bit = mini_index_++ * width_;
    if (bit + width_ > mini_data_.size() * 8) return failed_ = true, false;
    last_ += static_cast<uint64_t>(min_delta_) + UnpackBits(mini_data_, bit, width_);
  }
  value = static_cast<int64_t>(last_);
  return true;
}

bool DeltaBinaryPackedDecoder::End(size_t& end) const {
  if (failed_) return false;
  size_t pos = header_end_;
  int64_t min_delta;
  std::vector<uint8_t> widths;
  for (uint64_t left = total_ > 0 ? total_ - 1 : 0; left > 0;) {
    if (!StartBlock(pos, min_delta, widths)) return false;
    for (uint64_t m = 0; m < miniblocks_ && left > 0; ++m) {
      uint64_t bytes = per_miniblock_ * widths[m] / 8;
      if (bytes > data_.size() - pos) return false;
      pos += bytes;
      left -= std::min(left, per_miniblock_);
    }
  }
  end = pos;
  return true;
}

}  // namespace sgscope::ingest
