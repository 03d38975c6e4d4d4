#include "ingest/json_path_locator.h"

#include <gtest/gtest.h>

#include <random>

namespace sgscope::ingest {
namespace {

std::optional<TextRegion> Locate(std::string_view json, const std::string& path) {
  return LocateJsonPaths(json, {path})[0];
}

// As the AWS CLI prints it: four-space indent, one member a line.
constexpr std::string_view kGroups = R"({
    "SecurityGroups": [
        {
            "GroupId": "sg-1",
            "IpPermissions": []
        },
        {
            "GroupId": "sg-2",
            "IpPermissions": [
                {
                    "IpProtocol": "tcp",
                    "IpRanges": [
                        {"CidrIp": "10.0.0.0/8"},
                        {
                            "CidrIp": "0.0.0.0/0"
                        }
                    ]
                }
            ]
        }
    ]
})";

TEST(JsonPathLocator, FindsEachValueOfAnAwsCliDocument) {
  std::vector<std::optional<TextRegion>> r = LocateJsonPaths(
      kGroups, {"SecurityGroups[1].IpPermissions[0].IpRanges[1]", "SecurityGroups[1].IpPermissions[0].IpRanges[0]",
                "SecurityGroups[0]", "SecurityGroups[1].GroupId", "", "SecurityGroups[1].IpPermissions[0].IpRanges[2]",
                "SecurityGroups[0].Missing"});
  EXPECT_EQ(r[0], (TextRegion{14, 25, 16, 26}));  // the "{" on line 14 to the "}" on line 16
  EXPECT_EQ(r[1], (TextRegion{13, 25, 13, 49}));
  EXPECT_EQ(r[2], (TextRegion{3, 9, 6, 10}));
  EXPECT_EQ(r[3], (TextRegion{8, 24, 8, 30}));
  EXPECT_EQ(r[4], (TextRegion{1, 1, 22, 2}));
  EXPECT_FALSE(r[5]);
  EXPECT_FALSE(r[6]);
}

TEST(JsonPathLocator, ColumnsCountUtf16UnitsAndEscapesDoNotConfuseTheScan) {
  // "é" is one UTF-16 unit in two bytes, "😀" two units in four bytes.
  std::string json = "{\"a\": \"\xC3\xA9\\\"]}\\\\\", \"b\": \"\xF0\x9F\x98\x80\", \"c\": [1, {\"d\": true}]}";
  EXPECT_EQ(Locate(json, "c[1].d"), (TextRegion{1, 44, 1, 48}));
  EXPECT_EQ(Locate(json, "b"), (TextRegion{1, 23, 1, 27}));
}

TEST(JsonPathLocator, TheFirstOfRepeatedKeysWinsAsInTheLoader) {
  EXPECT_EQ(Locate("{\"a\": 1,\n\"a\": 2}", "a"), (TextRegion{1, 7, 1, 8}));
}

TEST(JsonPathLocator, ByteOrderMarkAndCrLfLines) {
  EXPECT_EQ(Locate("\xEF\xBB\xBF{\r\n  \"a\": [0, 7]\r\n}", "a[1]"), (TextRegion{2, 12, 2, 13}));
}

TEST(JsonPathLocator, MalformedPathsAreNotFound) {
  for (const char* path : {"[0]x", ".a", "a.", "a..b", "a[", "a[]", "a[x]", "a[12345678901]"})
    EXPECT_FALSE(Locate("{\"a\": [{\"b\": 1}]}", path)) << path;
}

TEST(JsonPathLocator, TextThatStopsBeingJsonLosesOnlyWhatComesAfter) {
  auto r = LocateJsonPaths("{\"a\": 1, \"b\": [1, 2", {"a", "b[0]", "b"});
  EXPECT_TRUE(r[0]);
  EXPECT_TRUE(r[1]);
  EXPECT_FALSE(r[2]);  // the array never ends
}

TEST(JsonPathLocator, NeverCrashesOnArbitraryText) {
  std::mt19937 random(5);
  const std::string alphabet = "{}[]\":,\\ ab01\n";
  const std::vector<std::string> paths = {"a", "a[0]", "a[0].b", "", "b[1][2]"};
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    size_t size = random() % 40;
    for (size_t i = 0; i < size; ++i) text += alphabet[random() % alphabet.size()];
    for (const auto& region : LocateJsonPaths(text, paths))
      if (region) {
        EXPECT_GE(region->start_line, 1u);
        EXPECT_LE(region->start_line, region->end_line);
      }
  }
  std::string deep(100000, '[');
  EXPECT_FALSE(Locate(deep, "a"));
  EXPECT_FALSE(Locate(deep, "[0]"));
}

TEST(JsonPathLocator, UnreadableFileHasNoRegions) {
  auto r = LocateJsonPathsInFile("/nonexistent/file.json", {"a", "b"});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_FALSE(r[0] || r[1]);
}

}  // namespace
}  // namespace sgscope::ingest
