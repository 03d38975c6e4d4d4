#!/usr/bin/env bash
# Builds sgscope and runs it on the default example (examples/clientvpn-ad): VPN users reach the
# app through the Client VPN endpoint's OUTBOUND rules; the endpoint group's inbound rules are
# never consulted; the directory's inbound rules serve domain clients. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target sgscope >/dev/null

EXAMPLE=examples/clientvpn-ad
VPN=cvpn-endpoint-0c1a2b3c4d5e600c1
run() { echo; echo "\$ sgscope $*"; ./build/sgscope "$@" || true; }
run inventory "$EXAMPLE"
run interfaces "$EXAMPLE"
# 1. A VPN user opens the app: authorized, routed, source-translated to the endpoint interface,
#    then out under the endpoint group's outbound rules; its inbound rules are "not-consulted".
run trace "$EXAMPLE" --from vpn:$VPN --to i-0c1a2b3c4d5e60041 --protocol tcp --port 443
# 2. The database: the DBA-only authorization rule (longest prefix) and the database's group both say no.
run trace "$EXAMPLE" --from vpn:$VPN --to 10.30.20.30 --protocol tcp --port 5432
# 3. Rule by rule: the endpoint group's inbound 443 "for the users" is never consulted; its outbound rules are needed.
run why "$EXAMPLE" sg-0c1a2b3c4d5e60062
# 4. What the internet really reaches: the bastion's SSH from the office; the endpoint's open 443 is not exposure.
run exposure "$EXAMPLE"
# 5. What the directory's inbound rules are for: domain clients, such as the app, reaching LDAP.
run trace "$EXAMPLE" --from i-0c1a2b3c4d5e60041 --to 10.30.30.10 --protocol tcp --port 389
# 6. Everything a VPN user can reach, exactly: the app on 443 and the directory's DNS, and what stops the rest.
run reach "$EXAMPLE" --from vpn:$VPN --to all
# 7. The audit: every check judged on this network, with the rule, the evidence and the command that fixes it
#    (the endpoint group's unneeded inbound 443 among them).
run audit "$EXAMPLE"
# 8. Real traffic: an hour of the example's flow logs matched to the rules. The endpoint group's inbound 443
#    carried nothing (only its outbound rules did); the tightest rules come as aws ec2 commands.
run flows "$EXAMPLE" "$EXAMPLE/flowlogs"
