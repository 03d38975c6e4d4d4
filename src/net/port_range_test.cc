#include "net/port_range.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

TEST(PortRange, ParsesWhatToStringWrites) {
  for (PortRange r : {PortRange::Single(22), PortRange{1024, 65535}, PortRange::All(), PortRange{0, 0}})
    EXPECT_EQ(PortRange::Parse(r.ToString()), r);
  for (const char* bad : {"", "-", "22-", "-22", "80-22", "65536", "2x", "1-2-3", " 22"})
    EXPECT_EQ(PortRange::Parse(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace sgscope
