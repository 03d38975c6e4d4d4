// The merge passes, in order. Each pass folds entries that share an id into the first
// authoritative one; the entries a pass may fold away are told apart by their SourceRef
// path (e.g. "Reservations[..." for an interface synthesised from describe-instances).

#include "ingest/document_merge.h"

#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

void MergeDocuments(Network& network) {
  // 1. An interface from describe-network-interfaces replaces the copy synthesised from
  //    an instance's NetworkInterfaces[].
  MergeInstanceInterfaces(network);
  // 2. describe-security-group-rules: rule ids onto the IpPermissions rules, or the rules
  //    themselves for a group that has none.
  MergeSecurityGroupRules(network);
  // 3. One prefix list from describe-managed-prefix-lists, describe-prefix-lists and
  //    get-managed-prefix-list-entries.
  MergePrefixLists(network);
  // 4. Transit gateway attachments (generic + VPC-specific), then route tables with their
  //    routes, propagations and (from the attachments) associations.
  MergeTransitGatewayAttachments(network);
  MergeTransitGatewayRouteTables(network);
  // 5. A vpce- route target that names a Gateway Load Balancer endpoint.
  ResolveEndpointRouteTargets(network);
  // 6. Every other kind: one entry per id (objects listed by several accounts).
  DropRepeatedDefinitions(network);
  // 7. Elastic IPs onto the interface addresses they map to, where the interface lacks them.
  MergeElasticIps(network);
}

}  // namespace sgscope::ingest
