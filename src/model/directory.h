#pragma once
// AWS Directory Service directories (ds describe-directories): only their customer-VPC
// side (ETH1 interfaces) is modelled; see shared/docs/aws-semantics.md §7.

#include <optional>
#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_address.h"

namespace sgscope {

// Where a directory sits in a VPC: VpcSettings (Microsoft AD, Simple AD) or
// ConnectSettings (AD Connector), which adds the on-premises DNS and its own addresses.
struct DirectoryPlacement {
  std::string vpc_id;
  std::vector<std::string> subnet_ids;
  std::string security_group_id;               // the "<directory-id>_controllers" group AWS creates
  std::vector<std::string> availability_zones;
  std::vector<IpAddress> customer_dns_ips;     // ConnectSettings.CustomerDnsIps
  std::vector<IpAddress> connect_ips;          // ConnectSettings.ConnectIps: the connector's addresses
};

// A directory (DirectoryDescription).
struct Directory {
  std::string id;       // DirectoryId, "d-..."
  std::string name;     // fully qualified domain name
  std::string type;     // SimpleAD|ADConnector|MicrosoftAD|SharedMicrosoftAD
  std::string edition;  // Enterprise|Standard (Microsoft AD)
  std::string stage;    // Requested|Creating|Created|Active|Inoperable|Impaired|Restoring|...|Deleted|Failed
  std::vector<IpAddress> dns_ips;               // DnsIpAddrs: the domain controllers' addresses
  std::optional<DirectoryPlacement> vpc;        // VpcSettings
  std::optional<DirectoryPlacement> connector;  // ConnectSettings
  // A shared directory (SharedMicrosoftAD) lives in its owner's account: OwnerDirectoryDescription.
  std::string owner_directory_id;
  std::string owner_account_id;
  std::vector<IpAddress> owner_dns_ips;
  std::optional<DirectoryPlacement> owner_vpc;
  SourceRef source;
};

}  // namespace sgscope
