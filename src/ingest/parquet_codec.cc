// Decompression of Parquet pages. GZIP pages are gzip members (RFC 1952), decompressed with
// libdeflate as the text reader does; SNAPPY pages are raw Snappy blocks (ingest/snappy.h).
// ZSTD, LZ4, BROTLI and LZO are reported as unsupported: AWS delivers flow logs in Parquet
// with gzip ("Each file is compressed into a single Gzip file"), DuckDB writes snappy.
// https://github.com/apache/parquet-format/blob/master/Compression.md

#include "ingest/parquet_codec.h"

#include <libdeflate.h>

#include <fmt/format.h>

#include "ingest/snappy.h"

namespace sgscope::ingest {

namespace {

// Pages are ~1 MiB in practice (parquet-mr, Arrow, DuckDB); anything far above is corrupt.
constexpr size_t kMaxPageBytes = 64u << 20;
// Deflate expands at most ~1032:1, Snappy ~22:1; a larger ratio means a corrupt header.
constexpr size_t kMaxRatio = 1100;

}  // namespace

void ParquetDecompressor::FreeDecompressor::operator()(libdeflate_decompressor* d) const {
  libdeflate_free_decompressor(d);
}

ParquetDecompressor::ParquetDecompressor() = default;
ParquetDecompressor::~ParquetDecompressor() = default;

std::string ParquetDecompressor::Decompress(ParquetCodec codec, std::string_view in, size_t size, std::string& out) {
  if (size > kMaxPageBytes) return fmt::format("page of {} bytes (over the 64 MiB limit)", size);
  if (codec == ParquetCodec::kUncompressed) {
    if (size != in.size()) return fmt::format("uncompressed page of {} bytes announces {}", in.size(), size);
    out.assign(in);
    return "";
  }
  if (size > in.size() * kMaxRatio + 64)
    return fmt::format("page of {} bytes cannot expand to {} bytes", in.size(), size);
  out.resize(size);
  if (codec == ParquetCodec::kSnappy) return SnappyDecompress(in, out.data(), size);
  if (codec != ParquetCodec::kGzip) return ParquetCodecName(codec) + " compression is not supported";
  if (!deflate_) deflate_.reset(libdeflate_alloc_decompressor());
  if (!deflate_) return "cannot allocate a decompressor";
  size_t produced = 0;
  if (libdeflate_gzip_decompress(deflate_.get(), in.data(), in.size(), out.data(), size, &produced) !=
          LIBDEFLATE_SUCCESS ||
      produced != size)
    return "corrupt gzip page";
  return "";
}

}  // namespace sgscope::ingest
