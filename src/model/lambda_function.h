#pragma once
// AWS Lambda functions attached to a VPC (lambda list-functions, VpcConfig). Lambda reaches
// the VPC through shared Hyperplane interfaces in the function's subnets carrying its groups;
// functions outside a VPC are only counted.

#include <string>
#include <vector>

#include "model/source_ref.h"

namespace sgscope {

// A function with a VpcConfig naming subnets.
struct LambdaFunction {
  std::string id;    // FunctionArn
  std::string name;  // FunctionName, which the interfaces' Description repeats
  std::string vpc_id;
  std::vector<std::string> subnet_ids;          // VpcConfig.SubnetIds
  std::vector<std::string> security_group_ids;  // VpcConfig.SecurityGroupIds
  SourceRef source;
};

}  // namespace sgscope
