#include "net/ip_prefix.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

IpAddress A(const char* s) { return *IpAddress::Parse(s); }
IpPrefix P(const char* s) { return *IpPrefix::Parse(s); }

TEST(IpPrefix, CanonicalisesHostBitsLikeAws) {
  bool had_host_bits = false;
  auto p = IpPrefix::Parse("100.68.0.18/18", &had_host_bits);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ToString(), "100.68.0.0/18");
  EXPECT_TRUE(had_host_bits);
  EXPECT_EQ(P("2001:db8::1/32").ToString(), "2001:db8::/32");
}

TEST(IpPrefix, BareAddressIsHostPrefix) {
  EXPECT_EQ(P("10.0.0.1").length(), 32);
  EXPECT_EQ(P("::1").length(), 128);
}

TEST(IpPrefix, RejectsBadLengths) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "::/129", "10.0.0.0/1a", "10.0.0.0/0000"})
    EXPECT_FALSE(IpPrefix::Parse(bad)) << bad;
}

TEST(IpPrefix, Containment) {
  EXPECT_TRUE(P("0.0.0.0/0").Contains(A("203.0.113.5")));
  EXPECT_FALSE(P("0.0.0.0/0").Contains(A("::1")));  // IPv4 rules never match IPv6
  EXPECT_FALSE(P("::/0").Contains(A("10.0.0.1")));
  EXPECT_TRUE(P("10.0.0.0/16").Contains(A("10.0.255.255")));
  EXPECT_FALSE(P("10.0.0.0/16").Contains(A("10.1.0.0")));
  EXPECT_TRUE(P("10.0.0.0/16").Contains(P("10.0.4.0/24")));
  EXPECT_FALSE(P("10.0.4.0/24").Contains(P("10.0.0.0/16")));
  EXPECT_TRUE(P("10.0.4.0/24").Overlaps(P("10.0.0.0/16")));
  EXPECT_TRUE(P("2001:db8::/32").Contains(A("2001:db8:ffff::1")));
  EXPECT_TRUE(P("::/0").Contains(A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
}

TEST(IpPrefix, FirstAndLast) {
  EXPECT_EQ(P("10.0.0.0/24").Last().ToString(), "10.0.0.255");
  EXPECT_EQ(P("0.0.0.0/0").Last().ToString(), "255.255.255.255");
  EXPECT_EQ(P("2001:db8::/64").Last().ToString(), "2001:db8::ffff:ffff:ffff:ffff");
  EXPECT_EQ(P("10.0.0.7/32").First().ToString(), "10.0.0.7");
}

TEST(IpPrefix, InternalSpaceMustHoldTheWholeBlock) {
  EXPECT_TRUE(IsInternalSpace(P("10.1.0.0/16")));
  EXPECT_TRUE(IsInternalSpace(P("fd00:1::/64")));
  EXPECT_FALSE(IsInternalSpace(P("8.0.0.0/7")));
  EXPECT_FALSE(IsInternalSpace(P("0.0.0.0/0")));  // holds 10/8 but also public space
  EXPECT_FALSE(IsInternalSpace(P("2600:1f18::/32")));
}

}  // namespace
}  // namespace sgscope
