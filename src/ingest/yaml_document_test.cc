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

TEST(YamlDocumentTest, NumbersAreCheckedWithoutRecursion) {
  EXPECT_EQ(Json("n: 1e5\nz: 0\nbad: 01\nneg: -0.5e-3"), R"({"n":1e5,"z":0,"bad":"01","neg":-0.5e-3})");
  std::string digits(50000, '7');
  EXPECT_EQ(Json("n: " + digits), "{\"n\":" + digits + "}");  // a std::regex would exhaust the stack
}

TEST(YamlDocumentTest, DuplicateKeysSeveralDocumentsAndAliasBombsAreErrors) {
  EXPECT_EQ(Json("a: 1\na: 2").rfind("error: ", 0), 0u);
  EXPECT_NE(Json("a: 1\na: 2").find("duplicate key \"a\""), std::string::npos);
  EXPECT_NE(Json("- 1\n---\n- 2").find("more than one YAML document (another starts at line 2, column 1)"),
            std::string::npos);
  std::string bomb = "a: &a [1,1,1,1,1,1,1,1,1]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    std::string prev(1, static_cast<char>(level - 1));
    bomb += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + prev;
    bomb += "]\n";
  }
  EXPECT_NE(Json(bomb).find("expands past 32 MiB"), std::string::npos);
  std::string deep = std::string(200, '[') + std::string(200, ']');
  EXPECT_NE(Json(deep).find("deeper than 128"), std::string::npos);
}

// Found by fuzz/events_fuzzer: yaml-cpp's LoadAll never returned on these (an endless series of
// empty documents, each a new node, until memory ran out).
TEST(YamlDocumentTest, ACommaAfterTheTopLevelNodeIsAnErrorNotAnEndlessLoop) {
  for (std::string_view yaml : {"{},", "{{}},", "\"x\",", "[a], b", ","})
    EXPECT_NE(Json(yaml).find("more than one YAML document"), std::string::npos) << yaml;
  EXPECT_EQ(Json("a, b"), R"("a, b")");  // a comma inside a plain scalar is just text
}

}  // namespace
}  // namespace sgscope::ingest
