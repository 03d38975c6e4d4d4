#!/usr/bin/env bash
# Documentation aid: regenerates the per-snapshot tables of docs/audit-vs-single-rule.md (between its
# "generated" markers) from `sgscope audit --format json` and scripts/single_rule_scanners.py.
# Usage, from the repository root after building: scripts/audit_vs_single_rule.sh [--write]
set -euo pipefail
cd "$(dirname "$0")/.."
BATFISH=../shared/data/batfish/projects/batfish/src/test/resources/org/batfish/representation/aws
SNAPSHOTS=("hybrid-cloud-aws ../shared/data/batfish/networks/hybrid-cloud-aws/aws_configs/us-west-2")
for d in "$BATFISH"/test*/aws_configs; do SNAPSHOTS+=("$(basename "$(dirname "$d")") $d"); done
SNAPSHOTS+=("ipsec-vpn-host-aws-cisco $BATFISH/../../grammar/aws/testrigs/ipsec-vpn-host-aws-cisco/aws_configs"
            "load_vendor_configurations $BATFISH/../../main/snapshots/load_vendor_configurations/aws_configs")
SNAPSHOTS+=("webapp examples/webapp" "clientvpn-ad examples/clientvpn-ad"
            "cartography_ec2 tests/data/snapshots/cartography_ec2")
QUIET=(--quiet rule-without-description --quiet egress-open-to-world)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

generate() {
  for entry in "${SNAPSHOTS[@]}"; do
    read -r name dir <<<"$entry"
    build/sgscope audit "$dir" --format json >"$tmp/$name.json" 2>/dev/null || true
    echo "### $name"
    echo
    case "$dir" in ../*) shown=$(realpath -m --relative-to=.. "$dir") ;; *) shown=$dir ;; esac
    echo "\`$shown\`"
    echo
    scripts/single_rule_scanners.py "$dir" --sgscope "$tmp/$name.json" "${QUIET[@]}"
    echo
  done
}

if [[ "${1:-}" == "--write" ]]; then
  generate >"$tmp/generated.md"
  python3 - "$tmp/generated.md" docs/audit-vs-single-rule.md <<'EOF'
import sys
generated, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
begin, end = "<!-- generated: scripts/audit_vs_single_rule.sh --write -->\n", "<!-- end of generated -->\n"
head, rest = doc.split(begin)
import re
rows, name = [], None
for line in generated.splitlines():
    if line.startswith("### "):
        name = line[4:]
    m = re.match(r"Rows by verdict: (.*); high/critical/danger rows (\d+), sgscope low/info or silent on (\d+)\. "
                 r"Findings: Prowler (\d+), ScoutSuite (\d+), sgscope (\d+)", line)
    if m:
        verdicts = dict((v.rsplit(" ", 1)[0], v.rsplit(" ", 1)[1]) for v in m.group(1).split(", ") if v != "none")
        rows.append([name, m.group(4), m.group(5), m.group(6)] +
                    [verdicts.get(k, "0") for k in ("agree", "sgscope lower", "sgscope higher", "other finding", "scanners only", "sgscope only")]
                    + [m.group(2), m.group(3)])
total = ["**total**"] + [str(sum(int(r[i]) for r in rows)) for i in range(1, 12)]
summary = ("| snapshot | Prowler findings | ScoutSuite findings | sgscope findings | agree | sgscope lower | sgscope higher "
           "| other finding | scanners only | sgscope only | scanners' high alarms | of which sgscope low/info/silent |\n"
           "|---|---|---|---|---|---|---|---|---|---|---|---|\n" +
           "".join("| " + " | ".join(r) + " |\n" for r in rows + [total]))
sb, se = "<!-- summary: generated -->\n", "<!-- end of summary -->\n"
head, rest = (head.split(sb)[0] + sb + "\n" + summary + "\n" + head.split(sb)[1][head.split(sb)[1].index(se):]
              if sb in head else head), rest
open(sys.argv[2], "w").write(head + begin + "\n" + generated + rest[rest.index(end):])
EOF
else
  generate
fi
