// Exposure sections: a heading per population of sources, then its pairs with traffic in reach's
// own words, so both commands explain a path the same way.

#include "report/exposure_sections_report.h"

#include <fmt/format.h>

#include "report/reach_report.h"
#include "report/text.h"

namespace sgscope {

void WriteExposureSectionsText(const Network& n, const std::vector<ExposureSection>& sections, std::ostream& out) {
  for (auto& s : sections) {
    out << fmt::format("\nReachable from {} ({} via {}) to {}: {} pair(s) with traffic\n", TerminalSafe(s.from), s.kind,
                       TerminalSafe(s.via), TerminalSafe(s.to), s.answer.pairs.size());
    for (auto& p : s.answer.pairs) WriteReachPairText(n, s.answer, p, out);
  }
}

void WriteExposureSectionsJson(JsonWriter& w, const Network& n, const std::vector<ExposureSection>& sections) {
  w.Key("sections").BeginArray();
  for (auto& s : sections) {
    w.BeginObject().Field("kind", s.kind).Field("via", s.via).Field("from", s.from).Field("to", s.to);
    w.Key("pairs").BeginArray();
    for (auto& p : s.answer.pairs) WriteReachPairJson(w, n, s.answer, p);
    w.EndArray().EndObject();
  }
  w.EndArray();
}

}  // namespace sgscope
