#pragma once
// An audit check: a stable id, a default severity, help text, and a function from the network
// (with the analyses several checks share) to findings. The registry lists every check.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/finding.h"
#include "engines/exposure.h"
#include "engines/exposure_sections.h"
#include "engines/reachable_sources.h"
#include "engines/why.h"
#include "net/port_range.h"

namespace sgscope {

// A port a check treats as sensitive when the internet (or a peer) reaches it.
struct SensitivePort {
  uint8_t protocol = kProtoTcp;
  PortRange ports;
  std::string service;  // "ssh", "postgresql", ...
};

// What the user can tune.
struct AuditOptions {
  std::vector<SensitivePort> sensitive_ports;  // empty: DefaultSensitivePorts()
};

// One exposure section computed in bulk: its populations' classes and what each pair lets through.
struct SectionMatrix {
  ExposureSection section;  // answer empty
  ReachMatrix matrix;
};

// The network plus analyses computed on first use and shared by the checks that need them.
class CheckContext {
 public:
  CheckContext(const Network& network, AuditOptions options);
  const Network& network() const { return network_; }
  const AuditOptions& options() const { return options_; }
  // `why`'s verdicts for every rule of a group (docs/why.md); computed once per group, with the
  // reach they need computed once for all groups.
  const GroupWhy& Why(const SecurityGroup& group);
  // What the internet reaches (docs/exposure.md).
  const ExposureReport& InternetExposure();
  // What Client VPN clients, peered VPCs and transit gateways reach (exposure's sections' populations),
  // in bulk (ReachAllPairs: sets only, no rules, blockers or notes).
  const std::vector<SectionMatrix>& OtherReach();

 private:
  const Network& network_;
  AuditOptions options_;
  std::map<const SecurityGroup*, GroupWhy> why_;
  std::optional<DeliveryTable> delivery_;  // reach toward every interface, shared by every Why
  std::optional<ExposureReport> exposure_;
  std::optional<std::vector<SectionMatrix>> section_matrices_;
};

// One check of the catalogue (docs/checks/<id>.md).
struct Check {
  const char* id;             // stable kebab-case id
  FindingSeverity severity;          // the default; a check may raise or lower it per finding
  const char* title;          // one line
  const char* help;           // a paragraph: what it means and how to fix it (SARIF help text)
  std::vector<Finding> (*run)(CheckContext& context);
};

}  // namespace sgscope
