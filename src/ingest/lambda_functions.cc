// lambda list-functions (`Functions`): the functions attached to a VPC, by VpcConfig. A
// function without VpcConfig, or with no SubnetIds in it (list-functions reports an empty
// VpcConfig for those), runs outside the account's VPCs: counted, with one info per file.
// https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html
// https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfigResponse.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kFunctionIgnored[] = {
    "Architectures", "CodeSha256", "CodeSize", "DeadLetterConfig", "Description", "Environment", "EphemeralStorage",
    "FileSystemConfigs", "Handler", "ImageConfigResponse", "KMSKeyArn", "LastModified", "LastUpdateStatus",
    "LastUpdateStatusReason", "LastUpdateStatusReasonCode", "Layers", "LoggingConfig", "MasterArn", "MemorySize",
    "PackageType", "RevisionId", "Role", "Runtime", "RuntimeVersionConfig", "SigningJobArn",
    "SigningProfileVersionArn", "SnapStart", "State", "StateReason", "StateReasonCode", "Timeout", "TracingConfig",
    "Version"};
constexpr std::string_view kVpcConfigIgnored[] = {"Ipv6AllowedForDualStack"};

void LoadFunction(JsonCursor& c) {
  LambdaFunction function;
  if (!ReadItemId(c, "FunctionArn", function.id, "Lambda function")) return;
  c.ReadString("FunctionName", function.name, Need::kRequired);
  c.Object("VpcConfig", [&](JsonCursor& vpc) {
    vpc.ReadString("VpcId", function.vpc_id);
    ReadStringList(vpc, "SubnetIds", function.subnet_ids);
    ReadStringList(vpc, "SecurityGroupIds", function.security_group_ids);
    vpc.CheckFields("VpcConfigResponse", kVpcConfigIgnored);
  });
  if (function.subnet_ids.empty()) {
    c.context().NoteOnce(Severity::kInfo, "FunctionConfiguration\x1f" "outside",
                         "Lambda function is not in a VPC (no VpcConfig.SubnetIds); not modelled", c);
    c.CheckFields("FunctionConfiguration", kFunctionIgnored);
    return c.context().Skip("Lambda function outside a VPC");
  }
  AddItem(c, "FunctionConfiguration", kFunctionIgnored, std::move(function),
          c.context().network().lambda_functions);
}

}  // namespace

void LoadLambdaFunctions(JsonCursor& list) { list.ForEachElement(LoadFunction); }

}  // namespace sgscope::ingest
