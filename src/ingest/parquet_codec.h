#pragma once
// Page decompression for the Parquet codecs sgscope reads: UNCOMPRESSED, SNAPPY, GZIP.

#include <memory>
#include <string>
#include <string_view>

#include "ingest/parquet_metadata.h"

struct libdeflate_decompressor;

namespace sgscope::ingest {

// Decompresses pages; keeps one libdeflate decompressor for all the pages it sees.
class ParquetDecompressor {
 public:
  ParquetDecompressor();
  ~ParquetDecompressor();

  // Decompresses `in` into `out`, resized to exactly `size` bytes (the page header's
  // uncompressed size). The size is checked first against a page limit and against the
  // best ratio the codec can reach, so a corrupt header cannot request a huge buffer.
  // Returns "" or what went wrong (unsupported codec, corrupt data, size mismatch).
  std::string Decompress(ParquetCodec codec, std::string_view in, size_t size, std::string& out);

 private:
  struct FreeDecompressor {
    void operator()(libdeflate_decompressor* d) const;
  };
  std::unique_ptr<libdeflate_decompressor, FreeDecompressor> deflate_;
};

}  // namespace sgscope::ingest
