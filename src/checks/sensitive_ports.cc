// The sensitive-port list: built in, or read from the user's YAML file with the snapshot loader's
// cursor so every problem is a diagnostic naming the file and the entry, never a crash. The file
// is sgscope's own format, not an AWS one.

#include "checks/sensitive_ports.h"

#include <simdjson.h>

#include <fstream>
#include <sstream>

#include "ingest/json_cursor.h"
#include "ingest/load_context.h"
#include "ingest/yaml_document.h"

namespace sgscope {

namespace {

using ingest::JsonCursor;
using ingest::Need;

SensitivePort Tcp(uint16_t from, uint16_t to, const char* service) { return {kProtoTcp, {from, to}, service}; }
SensitivePort Udp(uint16_t from, uint16_t to, const char* service) { return {kProtoUdp, {from, to}, service}; }

// "22", "20-21" or the number 22.
std::optional<PortRange> ReadPorts(JsonCursor& c) {
  auto value = c.value().at_key("ports");
  if (value.error()) {
    c.Error("missing ports (a port like 22 or a range like \"20-21\")");
    return std::nullopt;
  }
  std::optional<PortRange> ports;
  std::string text;
  if (value.is_int64()) {
    int64_t n = *c.Int("ports");
    if (n >= 0 && n <= 65535) ports = PortRange{uint16_t(n), uint16_t(n)};
    text = std::to_string(n);
  } else {
    std::optional<std::string_view> s = c.String("ports");  // reports a value of another type
    if (!s) return std::nullopt;
    text = std::string(*s);
    ports = PortRange::Parse(text);
  }
  if (!ports) c.ErrorAt("ports", "\"" + text + "\" is not a port 0-65535 or a range N-M");
  return ports;
}

void ReadEntry(JsonCursor& c, std::vector<SensitivePort>& out) {
  if (!c.ExpectObject()) return;
  SensitivePort p;
  std::string protocol;
  bool ok = c.ReadString("protocol", protocol, Need::kRequired);
  if (ok && protocol != "tcp" && protocol != "udp") {
    c.ErrorAt("protocol", "\"" + protocol + "\" is not tcp or udp");
    ok = false;
  }
  p.protocol = protocol == "udp" ? kProtoUdp : kProtoTcp;
  std::optional<PortRange> ports = ReadPorts(c);
  ok = c.ReadString("service", p.service, Need::kRequired) && ok;
  c.CheckFields("sensitive port", {});
  if (!ok || !ports) return;
  p.ports = *ports;
  out.push_back(std::move(p));
}

void ReadList(ingest::LoadContext& context, std::string_view text, std::vector<SensitivePort>& out) {
  std::string error;
  std::optional<std::string> json = ingest::YamlToJson(text, error);
  if (!json) return context.Report(Severity::kError, "", "not valid YAML: " + error);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(simdjson::padded_string(*json)).get(root) || !root.is_array())
    return context.Report(Severity::kError, "", "expected a list of {protocol, ports, service}");
  JsonCursor(context, root, ingest::PathStep{}).ForEachElement([&](JsonCursor& entry) { ReadEntry(entry, out); });
  if (out.empty() && context.network().diagnostics.count(Severity::kError) == 0)
    context.Report(Severity::kError, "", "the list is empty: give at least one port");
}

}  // namespace

// Sources (docs/checks/exposed-sensitive-port.md): Prowler's
// ec2_securitygroup_allow_ingress_from_internet_to_* checks (incl. high_risk_tcp_ports), CloudSploit's
// plugins/aws/ec2/open*.js, ScoutSuite's ec2-security-group-opens-{known-port-to-all,plaintext-port}.
const std::vector<SensitivePort>& DefaultSensitivePorts() {
  static const std::vector<SensitivePort> ports = {
      Tcp(20, 21, "ftp"), Tcp(22, 22, "ssh"), Tcp(23, 23, "telnet"), Tcp(25, 25, "smtp"), Udp(53, 53, "dns"),
      Tcp(88, 88, "kerberos"), Tcp(110, 110, "pop3"), Tcp(135, 135, "msrpc"), Tcp(137, 139, "netbios"),
      Udp(137, 139, "netbios"), Tcp(143, 143, "imap"), Udp(161, 161, "snmp"), Tcp(389, 389, "ldap"),
      Tcp(445, 445, "smb"), Tcp(636, 636, "ldaps"), Tcp(1433, 1434, "sql-server"), Udp(1434, 1434, "sql-server-browser"),
      Tcp(1521, 1521, "oracle"), Tcp(2049, 2049, "nfs"), Udp(2049, 2049, "nfs"), Tcp(2375, 2376, "docker"),
      Tcp(2483, 2484, "oracle"), Tcp(3000, 3000, "dev-web-framework"), Tcp(3306, 3306, "mysql"), Tcp(3389, 3389, "rdp"),
      Udp(3389, 3389, "rdp"), Tcp(4333, 4333, "msql"), Tcp(4505, 4506, "salt"), Tcp(5000, 5000, "dev-web-framework"),
      Tcp(5432, 5432, "postgresql"), Tcp(5500, 5500, "vnc-client"), Tcp(5601, 5601, "kibana"), Tcp(5900, 5900, "vnc"),
      Tcp(6379, 6379, "redis"), Tcp(6443, 6443, "kubernetes-api"), Tcp(7000, 7001, "cassandra-internode"),
      Tcp(7199, 7199, "cassandra-jmx"), Tcp(8080, 8080, "http-proxy"), Tcp(8088, 8088, "http-legacy"),
      Tcp(8888, 8888, "cassandra-opscenter"), Tcp(9042, 9042, "cassandra"), Tcp(9092, 9092, "kafka"),
      Tcp(9160, 9160, "cassandra-thrift"), Tcp(9200, 9200, "elasticsearch"), Tcp(9300, 9300, "elasticsearch-transport"),
      Tcp(11211, 11211, "memcached"), Udp(11211, 11211, "memcached"), Tcp(27017, 27019, "mongodb"),
  };
  return ports;
}

SensitivePortsFile LoadSensitivePortsFromText(std::string_view text, const std::string& file_name) {
  SensitivePortsFile result;
  Network scratch;  // the load context reports into a network; only its diagnostics are kept
  {
    ingest::LoadContext context(scratch, 0, file_name, "", "");
    ReadList(context, text, result.ports);
    context.Finish();
  }
  result.diagnostics.Append(scratch.diagnostics);
  return result;
}

SensitivePortsFile LoadSensitivePorts(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    SensitivePortsFile result;
    result.diagnostics.Add(Severity::kError, path.string(), "", "cannot read the sensitive-ports file");
    return result;
  }
  std::stringstream text;
  text << in.rdbuf();
  return LoadSensitivePortsFromText(text.str(), path.string());
}

}  // namespace sgscope
