#include "net/ip_address.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

TEST(IpAddress, ParsesAndPrintsIpv4) {
  auto a = IpAddress::Parse("10.0.1.17");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->is_v4());
  EXPECT_EQ(a->v4(), 0x0A000111u);
  EXPECT_EQ(a->ToString(), "10.0.1.17");
}

TEST(IpAddress, RejectsMalformedIpv4) {
  for (const char* bad : {"", "10", "10.0.0", "10.0.0.256", "10.0.0.1.", "1.2.3.4.5", "01.2.3.4", "a.b.c.d",
                          "10..0.1", "1.2.3.1234", " 1.2.3.4"})
    EXPECT_FALSE(IpAddress::Parse(bad)) << bad;
}

TEST(IpAddress, ParsesIpv6Forms) {
  EXPECT_EQ(IpAddress::Parse("2001:db8::1")->ToString(), "2001:db8::1");
  EXPECT_EQ(IpAddress::Parse("::")->ToString(), "::");
  EXPECT_EQ(IpAddress::Parse("::1")->ToString(), "::1");
  EXPECT_EQ(IpAddress::Parse("2001:DB8:0:0:1:0:0:1")->ToString(), "2001:db8::1:0:0:1");
  EXPECT_EQ(IpAddress::Parse("::ffff:10.0.0.1")->ToString(), "::ffff:a00:1");
  EXPECT_EQ(IpAddress::Parse("fe80::")->ToString(), "fe80::");
  EXPECT_EQ(IpAddress::Parse("1:2:3:4:5:6:7:8")->ToString(), "1:2:3:4:5:6:7:8");
}

TEST(IpAddress, RejectsMalformedIpv6) {
  for (const char* bad : {":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1:2:3:4:5:6:7", "g::1", "1:",
                          "1:2:3:4:5:6:7::8:9"})
    EXPECT_FALSE(IpAddress::Parse(bad)) << bad;
}

TEST(IpAddress, FamiliesNeverCompareEqual) {
  EXPECT_NE(*IpAddress::Parse("0.0.0.1"), *IpAddress::Parse("::1"));
}

}  // namespace
}  // namespace sgscope
