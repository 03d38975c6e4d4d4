#include "checks/sensitive_ports.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

TEST(SensitivePorts, DefaultListCoversTheScannersCommonPorts) {
  auto has = [](uint8_t protocol, uint16_t port) {
    for (const SensitivePort& p : DefaultSensitivePorts())
      if (p.protocol == protocol && p.ports.from <= port && port <= p.ports.to) return true;
    return false;
  };
  for (uint16_t port : {20, 21, 22, 23, 445, 1433, 1434, 1521, 2483, 2484, 3306, 3389, 5432, 5601, 6379, 6443, 7000,
                        7199, 8888, 9092, 9160, 9200, 9300, 11211, 27017, 27018, 2375, 2376, 5900, 389, 2049, 135, 139})
    EXPECT_TRUE(has(kProtoTcp, port)) << port;
  EXPECT_TRUE(has(kProtoUdp, 53));
  EXPECT_TRUE(has(kProtoUdp, 137));
  EXPECT_FALSE(has(kProtoTcp, 443));
}

TEST(SensitivePorts, ReadsPortsAndRanges) {
  SensitivePortsFile f = LoadSensitivePortsFromText(
      "- {protocol: tcp, ports: 22, service: ssh}\n- {protocol: udp, ports: \"5000-5010\", service: media}\n", "p.yaml");
  ASSERT_TRUE(f.usable());
  ASSERT_EQ(f.ports.size(), 2u);
  EXPECT_EQ(f.ports[1].protocol, kProtoUdp);
  EXPECT_EQ(f.ports[1].ports, (PortRange{5000, 5010}));
  EXPECT_EQ(f.ports[1].service, "media");
}

TEST(SensitivePorts, EveryBadEntryIsADiagnosticNamingFileAndEntry) {
  SensitivePortsFile f = LoadSensitivePortsFromText(
      "- {protocol: sctp, ports: 22, service: x}\n- {protocol: tcp, ports: 70000, service: y}\n- {protocol: tcp, ports: 1}\n",
      "p.yaml");
  EXPECT_FALSE(f.usable());
  ASSERT_EQ(f.diagnostics.count(Severity::kError), 3u);
  for (const Diagnostic& d : f.diagnostics.items()) EXPECT_EQ(d.file, "p.yaml");
  EXPECT_EQ(f.diagnostics.items()[0].path, "[0].protocol");
  EXPECT_EQ(f.diagnostics.items()[1].path, "[1].ports");
  EXPECT_FALSE(LoadSensitivePortsFromText("not: [a list", "q.yaml").usable());
  EXPECT_FALSE(LoadSensitivePortsFromText("[]", "q.yaml").usable());
}

}  // namespace
}  // namespace sgscope
