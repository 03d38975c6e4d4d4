#include "ingest/json_cursor.h"

#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;

// Parses `json` and calls `f(JsonCursor& document)` within one document's context.
template <typename F>
Network WithDocument(std::string_view json, F f) {
  Network network;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(json.data(), json.size()).value();
  {
    network.files.push_back("f.json");
    LoadContext context(network, 0, "f.json", "", "");
    JsonCursor document(context, root, PathStep{});
    f(document);
    context.Finish();
  }
  return network;
}

TEST(JsonCursorTest, PathsNameMembersAndIndexes) {
  WithDocument(R"({"A":[{"B":{"C":"x"}},{"B":{}}]})", [](JsonCursor& doc) {
    size_t n = doc.ForEach("A", [](JsonCursor& a) {
      a.Object("B", [&](JsonCursor& b) {
        EXPECT_EQ(b.PathOf("C"), a.Path() + ".B.C");
        EXPECT_EQ(b.Source().path, a.Path() + ".B");
      });
    });
    EXPECT_EQ(n, 2u);
    doc.ForEach("A", [](JsonCursor& a) { EXPECT_TRUE(a.Path() == "A[0]" || a.Path() == "A[1]"); });
  });
}

TEST(JsonCursorTest, ReadsTypedMembersAndTreatsNullAsAbsent) {
  WithDocument(R"({"s":"v","i":-7,"b":true,"n":null})", [](JsonCursor& doc) {
    EXPECT_EQ(doc.String("s"), "v");
    EXPECT_EQ(doc.Int("i"), -7);
    EXPECT_EQ(doc.Bool("b"), true);
    EXPECT_FALSE(doc.String("n").has_value());
    EXPECT_FALSE(doc.Has("n"));
    EXPECT_FALSE(doc.Has("missing"));
  });
}

TEST(JsonCursorTest, ReportsWrongTypesAndMissingRequiredMembersAtTheirPath) {
  Network n = WithDocument(R"({"o":{"port":"22","big":18446744073709551615,"f":1.5,"req":null}})",
                           [](JsonCursor& doc) {
                             doc.Object("o", [](JsonCursor& o) {
                               EXPECT_FALSE(o.Int("port").has_value());
                               EXPECT_FALSE(o.Int("big").has_value());
                               EXPECT_FALSE(o.Int("f").has_value());
                               EXPECT_FALSE(o.String("req", Need::kRequired).has_value());
                               EXPECT_FALSE(o.String("gone", Need::kRequired).has_value());
                               EXPECT_EQ(o.ForEach("port", [](JsonCursor&) {}), 0u);
                             });
                           });
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "o.port", "expected an integer, found a string"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "o.big", "out of range"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "o.f", "expected an integer, found a number"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "o.req", "required field is missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "o.gone", "required field is missing"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "o.port", "expected an array"));
  EXPECT_EQ(n.diagnostics.items().size(), 6u);
  EXPECT_EQ(n.files, std::vector<std::string>{"f.json"});
}

TEST(JsonCursorTest, UnknownFieldsAreCountedOncePerDocumentShapeAndName) {
  static constexpr std::string_view kIgnored[] = {"Known", "Tags"};
  Network n = WithDocument(R"({"L":[{"Id":1,"Extra":1,"Tags":[]},{"Id":2,"Extra":2,"Other":3}]})",
                           [&](JsonCursor& doc) {
                             doc.ForEach("L", [&](JsonCursor& item) {
                               item.Int("Id");
                               item.CheckFields("Thing", kIgnored);
                             });
                           });
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "L[0].Extra", "field \"Extra\" of Thing is not known")) << testing::Diagnostics(n);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "L[0].Extra", "(2 times)"));
  EXPECT_TRUE(HasDiagnostic(n, Severity::kInfo, "L[1].Other", "field \"Other\" of Thing"));
  EXPECT_EQ(n.diagnostics.items().size(), 2u);
}

TEST(JsonCursorTest, FieldListSearchesItsSortedNames) {
  static constexpr std::string_view kNames[] = {"A", "B", "Ca"};
  constexpr FieldList list(kNames);
  EXPECT_TRUE(list.Contains("B"));
  EXPECT_FALSE(list.Contains("C"));
  EXPECT_FALSE(FieldList().Contains("A"));
}

}  // namespace
}  // namespace sgscope::ingest
