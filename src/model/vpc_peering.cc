// Peering side lookup, shared by routing (which VPC does a pcx- route lead to).

#include "model/vpc_peering.h"

namespace sgscope {

const std::string& VpcPeeringConnection::PeerOf(const std::string& vpc_id) const {
  static const std::string kNone;
  if (vpc_id == requester.vpc_id) return accepter.vpc_id;
  if (vpc_id == accepter.vpc_id) return requester.vpc_id;
  return kNone;
}

}  // namespace sgscope
