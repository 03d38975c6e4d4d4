// Subcommand table and argument parsing (CLI11). Each command loads the snapshot, runs
// one engine and hands the result to a report writer; nothing else happens here.

#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <optional>

#include "checks/audit.h"
#include "checks/audit_triage.h"
#include "checks/registry.h"
#include "checks/sensitive_ports.h"
#include "engines/simulation.h"
#include "engines/trace.h"
#include "ingest/simulation_events.h"
#include "engines/why.h"
#include "ingest/audit_baseline.h"
#include "model/calendar_date.h"
#include "ingest/snapshot_loader.h"
#include "ingest/suppressions_file.h"
#include "engines/exposure.h"
#include "engines/flow_analysis.h"
#include "engines/exposure_sections.h"
#include "engines/reach.h"
#include "engines/reachability_diff.h"
#include "report/audit_report.h"
#include "report/audit_sarif.h"
#include "report/exposure_report.h"
#include "report/flows_report.h"
#include "report/interface_report.h"
#include "report/reach_report.h"
#include "report/diff_report.h"
#include "report/inventory_report.h"
#include "report/simulation_report.h"
#include "report/trace_report.h"
#include "report/why_report.h"

namespace sgscope {

namespace {

struct CommonOptions {
  std::string snapshot;
  std::string format = "text";
};

void AddCommon(CLI::App* cmd, CommonOptions& o, std::vector<std::string> formats = {"text", "json"}) {
  cmd->add_option("snapshot", o.snapshot, "Snapshot folder of AWS CLI JSON")->required();
  cmd->add_option("--format", o.format, "Output format")->check(CLI::IsMember(std::move(formats)));
}

std::optional<Network> Load(const std::string& path, std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    err << "sgscope: snapshot folder '" << path << "' does not exist or is not a folder\n";
    return std::nullopt;
  }
  return LoadSnapshot(path);
}

int RunInventory(const CommonOptions& o, std::ostream& out, std::ostream& err) {
  auto network = Load(o.snapshot, err);
  if (!network) return kExitUsage;
  if (o.format == "json")
    WriteInventoryJson(*network, out);
  else
    WriteInventoryText(*network, out);
  return kExitOk;
}

int RunInterfaces(const CommonOptions& o, const std::string& owner, std::ostream& out, std::ostream& err) {
  auto network = Load(o.snapshot, err);
  if (!network) return kExitUsage;
  if (o.format == "json")
    WriteInterfacesJson(*network, owner, out);
  else
    WriteInterfacesText(*network, owner, out);
  return kExitOk;
}

int RunExposure(const CommonOptions& o, std::vector<std::string> sections, std::ostream& out, std::ostream& err) {
  auto network = Load(o.snapshot, err);
  if (!network) return kExitUsage;
  ExposureReport report = ComputeExposure(*network);
  if (std::find(sections.begin(), sections.end(), "all") != sections.end()) sections = {"vpn", "peers", "transit"};
  std::vector<ExposureSection> beyond = ComputeExposureSections(*network, sections);
  if (o.format == "json")
    WriteExposureJson(*network, report, beyond, out);
  else
    WriteExposureText(*network, report, beyond, out);
  return kExitOk;
}

struct TraceOptions {
  std::string from, to, protocol = "tcp";
  std::vector<std::string> vpn_groups;
  std::optional<int> port, src_port, icmp_type, icmp_code;
};

// Fills the query's protocol and ports; returns an error message or "".
std::string BuildQuery(const TraceOptions& o, TraceQuery& q) {
  auto selector = ProtocolSelector::Parse(o.protocol);
  if (!selector || selector->all) return "--protocol must be tcp, udp, icmp, icmpv6 or a number 0-255";
  q.protocol = selector->number;
  q.from = o.from;
  q.to = o.to;
  q.vpn_groups = o.vpn_groups;
  bool ports = q.protocol == kProtoTcp || q.protocol == kProtoUdp;
  if (ports && !o.port) return "--port is required for tcp and udp";
  if (!ports && (o.port || o.src_port)) return "--port/--src-port apply to tcp and udp only";
  if (o.port) q.dst_port = static_cast<uint16_t>(*o.port);
  if (o.src_port) q.src_port = static_cast<uint16_t>(*o.src_port);
  if (o.icmp_type) q.icmp_type = static_cast<uint8_t>(*o.icmp_type);
  else if (q.protocol == kProtoIcmpv6) q.icmp_type = 128;  // echo request
  if (o.icmp_code) q.icmp_code = static_cast<uint8_t>(*o.icmp_code);
  return "";
}

int RunTrace(const CommonOptions& c, const TraceOptions& o, std::ostream& out, std::ostream& err) {
  TraceQuery query;
  if (std::string e = BuildQuery(o, query); !e.empty()) {
    err << "sgscope trace: " << e << "\n";
    return kExitUsage;
  }
  auto network = Load(c.snapshot, err);
  if (!network) return kExitUsage;
  TraceOutcome outcome = Trace(*network, query);
  if (!outcome.result) {
    err << "sgscope trace: " << outcome.error << "\n";
    return kExitUsage;
  }
  if (c.format == "json")
    WriteTraceJson(*network, *outcome.result, out);
  else
    WriteTraceText(*network, *outcome.result, out);
  return outcome.result->accepted() ? kExitOk : kExitDenied;
}

// Every problem of a file beside the snapshot (events, suppressions, baseline), one per line,
// naming file, entry and field.
void WriteFileDiagnostics(std::string_view command, const Diagnostics& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics.items())
    err << "sgscope " << command << ": " << d.file << (d.path.empty() ? "" : " " + d.path) << ": "
        << SeverityName(d.severity) << ": " << d.message << "\n";
}

int RunSimulate(const CommonOptions& c, const std::string& events_path, std::ostream& out, std::ostream& err) {
  auto network = Load(c.snapshot, err);
  if (!network) return kExitUsage;
  std::string name = std::filesystem::path(events_path).filename().string();
  SimulationEventsFile events = LoadSimulationEvents(events_path, name, static_cast<uint32_t>(network->files.size()));
  network->files.push_back(name);
  if (!events.usable()) {
    WriteFileDiagnostics("simulate", events.diagnostics, err);
    return kExitUsage;
  }
  SimulationResult result = Simulate(*network, events.events);
  if (!result.error.empty()) {
    err << "sgscope simulate: " << name << " " << result.error << "\n";
    return kExitUsage;
  }
  WriteFileDiagnostics("simulate", events.diagnostics, err);  // warnings and notes that did not stop it
  if (c.format == "json")
    WriteSimulationJson(*network, result, out);
  else
    WriteSimulationText(*network, result, out);
  return kExitOk;
}

struct ReachOptions {
  std::string from, to, protocol, ports;
  std::vector<std::string> vpn_groups;
};

// The services --protocol and --port select; an error message instead when they are malformed.
std::string ReachServices(const ReachOptions& o, ServiceSet& services) {
  if (o.protocol.empty()) {
    if (!o.ports.empty()) return "--port needs --protocol tcp or udp";
    return "";
  }
  auto selector = ProtocolSelector::Parse(o.protocol);
  if (!selector) return "--protocol must be tcp, udp, icmp, icmpv6, a number 0-255, or all";
  services = selector->all ? ServiceSet::All() : ServiceSet::Protocol(selector->number);
  if (o.ports.empty()) return "";
  auto range = PortRange::Parse(o.ports);
  if (!selector->HasPorts() || !range) return "--port takes N or N-M with --protocol tcp or udp";
  services = ServiceSet::Services(selector->number, *range);
  return "";
}

int RunReach(const CommonOptions& c, const ReachOptions& o, std::ostream& out, std::ostream& err) {
  ReachQuery query;
  query.from = o.from, query.to = o.to, query.vpn_groups = o.vpn_groups;
  if (std::string e = ReachServices(o, query.services); !e.empty()) {
    err << "sgscope reach: " << e << "\n";
    return kExitUsage;
  }
  auto network = Load(c.snapshot, err);
  if (!network) return kExitUsage;
  ReachAnswer answer = Reach(*network, query);
  if (!answer.error.empty()) {
    err << "sgscope reach: " << answer.error << "\n";
    return kExitUsage;
  }
  if (c.format == "json")
    WriteReachJson(*network, answer, out);
  else
    WriteReachText(*network, answer, out);
  return kExitOk;
}

struct DiffOptions {
  std::string old_snapshot, new_snapshot, from, to = "all", format = "text";
  std::vector<std::string> vpn_groups;
};

int RunDiff(const DiffOptions& o, std::ostream& out, std::ostream& err) {
  DiffQuery query;
  if (!o.from.empty()) query.from = {o.from};
  query.to = o.to, query.vpn_groups = o.vpn_groups;
  auto old_network = Load(o.old_snapshot, err);
  if (!old_network) return kExitUsage;
  auto new_network = Load(o.new_snapshot, err);
  if (!new_network) return kExitUsage;
  ReachDiff diff = DiffReach(*old_network, *new_network, query);
  if (!diff.error.empty()) {
    err << "sgscope diff: " << diff.error << "\n";
    return kExitUsage;
  }
  if (o.format == "json")
    WriteDiffJson(*old_network, *new_network, diff, out);
  else
    WriteDiffText(*old_network, *new_network, diff, out);
  return kExitOk;
}

int RunWhy(const CommonOptions& c, const std::string& group_id, std::ostream& out, std::ostream& err) {
  auto network = Load(c.snapshot, err);
  if (!network) return kExitUsage;
  auto why = ExplainGroup(*network, group_id);
  if (!why) {
    err << "sgscope why: security group '" << group_id << "' is not in the snapshot\n";
    return kExitUsage;
  }
  if (c.format == "json")
    WriteWhyJson(*network, *why, out);
  else
    WriteWhyText(*network, *why, out);
  return kExitOk;
}

// What `audit` was asked, beyond the snapshot and format.
struct AuditCliOptions {
  std::vector<std::string> checks;
  std::string fail_on;       // a severity name; empty: never fail on findings
  std::string suppressions;  // files; empty: none
  std::string baseline;
  std::string today;         // YYYY-MM-DD; empty: the real date (UTC)
  std::string sarif_root;
  std::string sensitive_ports;  // a --sensitive-ports file, or ""
};

// The suppressions file's entries and the baseline's keys, into `request`; false (with the
// reason on `err`) when a file is unusable. Problems with single entries are reported and the
// rest is used.
bool LoadTriageFiles(const AuditCliOptions& o, TriageRequest& request, std::ostream& err) {
  std::optional<CalendarDate> today = o.today.empty() ? TodayUtc() : ParseCalendarDate(o.today);
  if (!today) {
    err << "sgscope audit: --today " << o.today << " is not a date YYYY-MM-DD\n";
    return false;
  }
  request.today = *today;
  if (!o.suppressions.empty()) {
    SuppressionsFile file = LoadSuppressions(o.suppressions, o.suppressions);
    WriteFileDiagnostics("audit", file.diagnostics, err);
    if (!file.readable) return false;
    request.suppressions = std::move(file.entries);
  }
  if (!o.baseline.empty()) {
    AuditBaseline file = LoadAuditBaseline(o.baseline, o.baseline);
    WriteFileDiagnostics("audit", file.diagnostics, err);
    if (!file.readable) return false;
    request.baseline_keys = std::move(file.keys);
  }
  return true;
}

int RunAuditCommand(const CommonOptions& c, const AuditCliOptions& o, std::ostream& out, std::ostream& err) {
  for (const std::string& id : o.checks)
    if (!FindCheck(id)) {
      err << "sgscope audit: no check '" << id << "' (docs/audit.md lists them)\n";
      return kExitUsage;
    }
  TriageRequest triage_request;
  if (!LoadTriageFiles(o, triage_request, err)) return kExitUsage;
  auto network = Load(c.snapshot, err);
  if (!network) return kExitUsage;
  AuditRequest request;
  request.only_checks = o.checks;
  if (!o.sensitive_ports.empty()) {
    SensitivePortsFile file = LoadSensitivePorts(o.sensitive_ports);
    WriteFileDiagnostics("audit", file.diagnostics, err);
    if (!file.usable()) return kExitUsage;
    request.options.sensitive_ports = std::move(file.ports);
  }
  AuditResult result = RunAudit(*network, request);
  AuditTriage triage = TriageFindings(result, triage_request);
  if (c.format == "sarif") {
    SarifOptions sarif{c.snapshot, std::nullopt};
    if (!o.sarif_root.empty()) sarif.root = o.sarif_root;
    WriteAuditSarif(*network, result, triage, sarif, out);
  } else if (c.format == "json") {
    WriteAuditJson(*network, result, triage, out);
  } else {
    WriteAuditText(*network, result, triage, out);
  }
  std::optional<FindingSeverity> fail_on = ParseSeverity(o.fail_on);
  bool fail = fail_on && std::any_of(result.findings.begin(), result.findings.end(),
                                     [&](const Finding& f) { return f.severity >= *fail_on; });
  return fail ? kExitFindings : kExitOk;
}

struct FlowsCliOptions {
  std::vector<std::string> logs;
  std::string since, until, fields;
  unsigned threads = 1;
  size_t max_cidrs = 8, max_port_ranges = 4, top_peers = 5, max_unexplained = 1000;
};

// Fills `options` from the command line; false (with a message) on a bad time or field list.
bool FlowAnalysisOptionsOf(const FlowsCliOptions& o, FlowAnalysisOptions& options, std::ostream& err) {
  for (auto [text, target] : {std::pair(&o.since, &options.usage.since), std::pair(&o.until, &options.usage.until)}) {
    if (text->empty()) continue;
    *target = ParseUtcTime(*text);
    if (!*target) {
      err << "sgscope flows: '" << *text << "' is not a time (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or Unix seconds)\n";
      return false;
    }
  }
  if (!o.fields.empty()) {
    std::string error;
    options.reader.fields = ingest::FlowLogFormat::Parse(o.fields, error);
    if (!options.reader.fields) {
      err << "sgscope flows: --fields: " << error << "\n";
      return false;
    }
  }
  options.reader.threads = o.threads;
  options.usage.max_samples = o.max_unexplained;
  options.proposal.max_cidrs = o.max_cidrs;
  options.proposal.max_port_ranges = o.max_port_ranges;
  return true;
}

int RunFlows(const CommonOptions& c, const FlowsCliOptions& o, std::ostream& out, std::ostream& err) {
  FlowAnalysisOptions options;
  if (!FlowAnalysisOptionsOf(o, options, err)) return kExitUsage;
  auto network = Load(c.snapshot, err);
  if (!network) return kExitUsage;
  std::vector<std::filesystem::path> inputs(o.logs.begin(), o.logs.end());
  FlowAnalysis analysis = AnalyzeFlowLogs(*network, inputs, options);
  FlowsReportOptions report{o.top_peers};
  if (c.format == "json") WriteFlowsJson(*network, analysis, report, out);
  else WriteFlowsText(*network, analysis, report, out);
  return kExitOk;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"sgscope: what AWS security groups really allow", "sgscope"};
  app.require_subcommand(1);
  CommonOptions common;
  TraceOptions trace;
  std::string group_id;
  std::function<int()> run;

  // Subcommands, one line each in `sgscope --help`.
  CLI::App* inventory = app.add_subcommand("inventory", "Counts of what was loaded, and every input problem");
  AddCommon(inventory, common);
  inventory->callback([&] { run = [&] { return RunInventory(common, out, err); }; });

  std::string owner;
  CLI::App* interfaces = app.add_subcommand("interfaces", "Every network interface, its owner, and whether its inbound rules are consulted");
  AddCommon(interfaces, common);
  interfaces->add_option("--owner", owner, "Only interfaces of this owner kind (client-vpn, rds, instance, ...)");
  interfaces->callback([&] { run = [&] { return RunInterfaces(common, owner, out, err); }; });

  CLI::App* exposure = app.add_subcommand("exposure", "What the internet reaches: interfaces, protocols, ports, sources");
  AddCommon(exposure, common);
  std::vector<std::string> sections;
  exposure->add_option("--section", sections, "Also what these reach: vpn (Client VPN clients), peers (peered VPCs), "
                       "transit (VPCs on one transit gateway), or all; repeatable")
      ->check(CLI::IsMember({"vpn", "peers", "transit", "all"}));
  exposure->callback([&] { run = [&] { return RunExposure(common, sections, out, err); }; });

  CLI::App* trace_cmd = app.add_subcommand("trace", "Can A reach B, and which rule decides at each hop");
  AddCommon(trace_cmd, common);
  trace_cmd->add_option("--from", trace.from, "Source: address, eni-, i-, vpn:<Client VPN endpoint>, internet or internet6")
      ->required();
  trace_cmd->add_option("--to", trace.to, "Destination: address, eni-, i-, internet, internet6, or vpn:<Client VPN "
                        "endpoint> (client-to-client)")->required();
  trace_cmd->add_option("--protocol", trace.protocol, "tcp, udp, icmp, icmpv6 or a protocol number");
  trace_cmd->add_option("--port", trace.port, "Destination port (tcp/udp)")->check(CLI::Range(0, 65535));
  trace_cmd->add_option("--src-port", trace.src_port, "Source port (default 49152)")->check(CLI::Range(1, 65535));
  trace_cmd->add_option("--icmp-type", trace.icmp_type, "ICMP type (default echo request)")->check(CLI::Range(0, 255));
  trace_cmd->add_option("--icmp-code", trace.icmp_code, "ICMP code (default 0)")->check(CLI::Range(0, 255));
  trace_cmd->add_option("--vpn-group", trace.vpn_groups,
                        "A group of the VPN client (directory SID or IdP group), for Client VPN authorization rules; "
                        "repeatable");
  trace_cmd->callback([&] { run = [&] { return RunTrace(common, trace, out, err); }; });

  ReachOptions reach;
  CLI::App* reach_cmd = app.add_subcommand("reach", "Exactly what gets through between sets of endpoints, and what blocks the rest");
  AddCommon(reach_cmd, common);
  reach_cmd->add_option("--from", reach.from, "Sources: eni-, i-, sg-, subnet-, vpc-, an IPv4 or IPv6 address or prefix, "
                        "internet (IPv4 and IPv6), internet6, vpn:<Client VPN endpoint>, or all")->required();
  reach_cmd->add_option("--to", reach.to, "Destinations, as for --from")->required();
  reach_cmd->add_option("--protocol", reach.protocol, "Only this protocol: tcp, udp, icmp, icmpv6 or a number");
  reach_cmd->add_option("--port", reach.ports, "Only these ports (N or N-M), with --protocol tcp or udp");
  reach_cmd->add_option("--vpn-group", reach.vpn_groups, "A group of the VPN clients, for Client VPN authorization "
                        "rules; repeatable");
  reach_cmd->callback([&] { run = [&] { return RunReach(common, reach, out, err); }; });

  DiffOptions diff;
  CLI::App* diff_cmd = app.add_subcommand("diff", "Flows gained and lost between two snapshots, and the rules responsible");
  diff_cmd->add_option("old", diff.old_snapshot, "The earlier snapshot folder")->required();
  diff_cmd->add_option("new", diff.new_snapshot, "The later snapshot folder")->required();
  diff_cmd->add_option("--from", diff.from, "Sources, as for reach (default: every interface and the internet)");
  diff_cmd->add_option("--to", diff.to, "Destinations, as for reach (default: all, every interface)");
  diff_cmd->add_option("--vpn-group", diff.vpn_groups, "A group of the VPN clients, as for reach");
  diff_cmd->add_option("--format", diff.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  diff_cmd->callback([&] { run = [&] { return RunDiff(diff, out, err); }; });

  std::string events_path;
  CLI::App* simulate = app.add_subcommand("simulate", "Replay timed packets and rule changes with connection tracking");
  AddCommon(simulate, common);
  simulate->add_option("events", events_path, "Events file (JSON or YAML, docs/simulate.md)")->required();
  simulate->callback([&] { run = [&] { return RunSimulate(common, events_path, out, err); }; });
  CLI::App* why_cmd = app.add_subcommand("why", "Is each rule of a security group needed, and why");
  AddCommon(why_cmd, common);
  why_cmd->add_option("group", group_id, "Security group id (sg-...)")->required();
  why_cmd->callback([&] { run = [&] { return RunWhy(common, group_id, out, err); }; });

  AuditCliOptions audit;
  CLI::App* audit_cmd = app.add_subcommand("audit", "Every check of the catalogue, judged on the real network, with fixes");
  AddCommon(audit_cmd, common, {"text", "json", "sarif"});
  audit_cmd->add_option("--check", audit.checks, "Run only this check (its id); repeatable");
  audit_cmd->add_option("--fail-on", audit.fail_on, "Exit 1 when a reported finding is at or above this severity")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  audit_cmd->add_option("--suppressions", audit.suppressions, "Accepted findings with reasons and expiry (YAML or JSON)");
  audit_cmd->add_option("--baseline", audit.baseline, "A previous `audit --format json`: report only findings not in it");
  audit_cmd->add_option("--today", audit.today, "The date suppressions expire against, YYYY-MM-DD (default: today, UTC)");
  audit_cmd->add_option("--sarif-root", audit.sarif_root, "SARIF artifact URIs relative to this folder (the repository root)");
  audit_cmd->add_option("--sensitive-ports", audit.sensitive_ports,
                        "YAML list of {protocol, ports, service} replacing exposed-sensitive-port's built-in list");
  audit_cmd->callback([&] { run = [&] { return RunAuditCommand(common, audit, out, err); }; });

  FlowsCliOptions flows;
  CLI::App* flows_cmd = app.add_subcommand("flows", "Which rules VPC Flow Logs traffic used, what was rejected, and the tightest rules");
  AddCommon(flows_cmd, common);
  flows_cmd->add_option("logs", flows.logs, "Flow log files or folders (.log, .gz, CloudWatch Logs JSON)")->required();
  flows_cmd->add_option("--since", flows.since, "Only records starting at or after this time (YYYY-MM-DD[THH:MM:SSZ] or Unix seconds)");
  flows_cmd->add_option("--until", flows.until, "Only records starting before this time");
  flows_cmd->add_option("--fields", flows.fields, "The log format of files without a header line (default: the v2 fields)");
  flows_cmd->add_option("--threads", flows.threads, "Reader threads (files are split between them)")->check(CLI::Range(1, 64));
  flows_cmd->add_option("--max-cidrs", flows.max_cidrs, "CIDR blocks per proposed rule")->check(CLI::Range(1, 1000));
  flows_cmd->add_option("--max-port-ranges", flows.max_port_ranges, "Port ranges per protocol of a proposed rule")
      ->check(CLI::Range(1, 1000));
  flows_cmd->add_option("--top-peers", flows.top_peers, "Peers listed per rule");
  flows_cmd->add_option("--max-unexplained", flows.max_unexplained, "Unexplained records listed (all are counted)");
  flows_cmd->callback([&] { run = [&] { return RunFlows(common, flows, out, err); }; });

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitOk : kExitUsage;
  }
  return run ? run() : kExitUsage;
}

}  // namespace sgscope
