#include "ingest/yaml_document.h"

#include <gtest/gtest.h>

namespace sgscope::ingest {
namespace {

std::string Json(std::string_view yaml) {
  std::string error;
  return YamlToJson(yaml, error).value_or("error: " + error);
}

TEST(YamlDocumentTest, PlainScalarsTakeCoreSchemaTypesQuotedOnesStayStrings) {
  EXPECT_EQ(Json("- {at: 0, port: 22, ok: true, none: ~, name: web}\n- {port: \"22\", flag: 'true'}"),
            R"([{"at":0,"port":22,"ok":true,"none":null,"name":"web"},{"port":"22","flag":"true"}])");
  EXPECT_EQ(Json("cidr: 0.0.0.0/0\nneg: -1\nver: 1.5\nhex: 0x1F"),
            R"({"cidr":"0.0.0.0/0","neg":-1,"ver":1.5,"hex":"0x1F"})");
}

TEST(YamlDocumentTest, StringsAreEscapedForJson) {
  EXPECT_EQ(Json("s: \"a\\\"b\\\\c\\n\""), R"({"s":"a\u0022b\u005cc\u000a"})");
}

TEST(YamlDocumentTest, SyntaxErrorsCarryTheLine) {
  std::string error;
  EXPECT_FALSE(YamlToJson("a: [1, 2\nb: 3", error).has_value());
  EXPECT_NE(error.find("line"), std::string::npos) << error;
}

}  // namespace
}  // namespace sgscope::ingest
