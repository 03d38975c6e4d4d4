#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace sgscope {
namespace {

TEST(JsonWriter, NestedContainersAndEscaping) {
  std::ostringstream out;
  {
    JsonWriter w(out);
    w.BeginObject().Field("a", "x\"y\\z\n").Key("list").BeginArray().Int(1).Bool(false).Null().EndArray();
    w.Key("empty").BeginObject().EndObject().Key("none").BeginArray().EndArray().EndObject();
  }
  EXPECT_EQ(out.str(),
            "{\n  \"a\": \"x\\\"y\\\\z\\n\",\n  \"list\": [\n    1,\n    false,\n    null\n  ],\n"
            "  \"empty\": {},\n  \"none\": []\n}\n");
}

TEST(JsonWriter, ControlCharactersAndInvalidUtf8AreEscaped) {
  EXPECT_EQ(JsonQuote(std::string("\x01", 1)), "\"\\u0001\"");
  EXPECT_EQ(JsonQuote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_EQ(JsonQuote("\xff"), "\"\\ufffd\"");
  EXPECT_EQ(JsonQuote("\xc3"), "\"\\ufffd\"");  // truncated sequence
}

}  // namespace
}  // namespace sgscope
