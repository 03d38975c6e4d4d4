#!/usr/bin/env python3
"""Documentation aid for docs/audit-vs-single-rule.md -- NOT part of sgscope.

A rule-by-rule model of what Prowler's and ScoutSuite's single-rule security-group and network-ACL
checks report on an sgscope snapshot folder (the AWS CLI describe-* JSON files), so that the
comparison table in docs/audit-vs-single-rule.md can be regenerated from the data instead of
being asserted. Each predicate below restates one public rule definition (sources in the doc,
section "What the single-rule scanners check"); the quirks of those definitions are kept on
purpose (e.g. ScoutSuite matches a port by its exact string, so tcp 0-65535 is not "SSH").

Usage:
  scripts/single_rule_scanners.py SNAPSHOT                      # scanner findings, JSON
  scripts/single_rule_scanners.py SNAPSHOT --sgscope AUDIT.json # markdown rows joined with
                                                                # `sgscope audit --format json`
Rows are joined on the rule's place in the snapshot (file + JSON path), the same `source` that
sgscope's findings carry, or on the resource for group- and ACL-level findings.
"""

import argparse
import json
import os
import re
import sys

# ---- snapshot --------------------------------------------------------------------------------


def load_snapshot(root):
    """Every list the checks need, each item with the file (relative to root) and JSON path."""
    lists = {"SecurityGroups": [], "NetworkInterfaces": [], "NetworkAcls": [], "Subnets": [], "DBInstances": [],
             "Reservations": []}
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".json") or name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path) as f:
                    doc = json.load(f)
            except (OSError, ValueError):
                continue
            if not isinstance(doc, dict):
                continue
            rel = os.path.relpath(path, root)
            for key in lists:
                for i, item in enumerate(doc.get(key) or []):
                    if isinstance(item, dict):
                        lists[key].append((rel, f"{key}[{i}]", item))
    return lists


def groups_on_enis(enis):
    used = {}
    for _, _, eni in enis:
        for g in eni.get("Groups") or []:
            used.setdefault(g.get("GroupId"), []).append(eni.get("NetworkInterfaceId"))
    return used


def groups_of_resources(snap):
    """Groups named by RDS instances and EC2 instances: ScoutSuite's used_by also comes from their
    inventories (metadata.json: rds instances VpcSecurityGroups, ec2 instances), not only from ENIs."""
    used = {}
    for _, _, db in snap["DBInstances"]:
        for g in db.get("VpcSecurityGroups") or []:
            used.setdefault(g.get("VpcSecurityGroupId"), []).append("RDS " + str(db.get("DBInstanceIdentifier")))
    for _, _, reservation in snap["Reservations"]:
        for instance in reservation.get("Instances") or []:
            for g in instance.get("SecurityGroups") or []:
                used.setdefault(g.get("GroupId"), []).append(str(instance.get("InstanceId")))
    return used


def finding(scanner, rule, severity, resource, file="", path="", detail=""):
    return {"scanner": scanner, "rule": rule, "severity": severity, "resource": resource,
            "file": file, "path": path, "detail": detail}


# ---- Prowler ---------------------------------------------------------------------------------
# prowler/providers/aws/services/ec2/lib/security_groups.py check_security_group(), with
# any_address=True as every ec2_securitygroup_allow_ingress_from_internet_to_* check passes it:
# only 0.0.0.0/0 and ::/0 count as "the internet".

WORLD = ("0.0.0.0/0", "::/0")

PROWLER_TCP_PORT_CHECKS = [
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", [22]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389", [3389]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_cassandra_7199_9160_8888", [7199, 9160, 8888]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_elasticsearch_kibana_9200_9300_5601",
     [9200, 9300, 5601]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_ftp_20_21", [20, 21]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_kafka_9092", [9092]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_memcached_11211", [11211]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018", [27017, 27018]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306", [3306]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483", [1521, 2483]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432", [5432]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379", [6379]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434", [1433, 1434]),
    ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_telnet_23", [23]),
    # ec2_high_risk_ports default of the high_risk_tcp_ports check
    ("ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports",
     [25, 110, 135, 143, 445, 3000, 4333, 5000, 5500, 8080, 8088]),
]

# Severities of the check metadata files (*.metadata.json "Severity"); the port checks are "high".
PROWLER_SEVERITY = {"ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports": "critical"}


def prowler_rule_matches(rule, protocol, ports):
    """check_security_group(rule, protocol, ports, any_address=True), quirks included: the first
    world range of a family decides (it returns from inside the loop)."""
    if rule.get("IpProtocol") == "-1":
        for r in rule.get("IpRanges") or []:
            if r.get("CidrIp") in WORLD:
                return True
        for r in rule.get("Ipv6Ranges") or []:
            if r.get("CidrIpv6") in WORLD:
                return True
    if rule.get("IpProtocol") != "-1" and protocol != "-1" and rule.get("IpProtocol") != protocol:
        return False
    if "FromPort" not in rule:
        return False
    rng = range(int(rule["FromPort"]), int(rule.get("ToPort", rule["FromPort"])) + 1)
    for key, field in (("IpRanges", "CidrIp"), ("Ipv6Ranges", "CidrIpv6")):
        for r in rule.get(key) or []:
            if r.get(field) in WORLD:
                for port in ports:
                    if port in rng and rule.get("IpProtocol") == protocol:
                        return True
                return len(set(rng)) == 65536
    return False


def first_world_range(rule):
    for key, field in (("IpRanges", "CidrIp"), ("Ipv6Ranges", "CidrIpv6")):
        for i, r in enumerate(rule.get(key) or []):
            if r.get(field) in WORLD:
                return f"{key}[{i}]"
    return ""


def prowler(snap):
    out = []
    used = groups_on_enis(snap["NetworkInterfaces"])
    referenced = set()
    for _, _, sg in snap["SecurityGroups"]:
        for perm in sg.get("IpPermissions") or []:
            for pair in perm.get("UserIdGroupPairs") or []:
                referenced.add(pair.get("GroupId"))
    for file, path, sg in snap["SecurityGroups"]:
        gid, name = sg.get("GroupId"), sg.get("GroupName")
        ingress = sg.get("IpPermissions") or []
        in_use = gid in used  # "VPC in use and len(security_group.network_interfaces) > 0"
        if name != "default" and not in_use and gid not in referenced:
            out.append(finding("prowler", "ec2_securitygroup_not_used", "low", gid, file, path))
        if name == "default" and in_use and (ingress or sg.get("IpPermissionsEgress")):
            out.append(finding("prowler", "ec2_securitygroup_default_restrict_traffic", "high", gid, file, path))
        if not in_use:
            continue  # the internet checks skip groups without interfaces
        all_ports = [i for i, r in enumerate(ingress) if prowler_rule_matches(r, "-1", [])]
        if all_ports:  # the per-port checks then skip the group ("is_failed_check")
            i = all_ports[0]
            out.append(finding("prowler", "ec2_securitygroup_allow_ingress_from_internet_to_all_ports", "high",
                               gid, file, f"{path}.IpPermissions[{i}].{first_world_range(ingress[i])}"))
            continue
        for check, ports in PROWLER_TCP_PORT_CHECKS:
            for i, r in enumerate(ingress):
                if any(prowler_rule_matches(r, "tcp", [p]) for p in ports):
                    out.append(finding("prowler", check, PROWLER_SEVERITY.get(check, "high"), gid, file,
                                       f"{path}.IpPermissions[{i}].{first_world_range(r)}"))
                    break
    if any(sg.get("GroupName") != "default" for _, _, sg in snap["SecurityGroups"]):  # regions_with_sgs
        for file, path, acl in snap["NetworkAcls"]:
            for check, proto, port in (("ec2_networkacl_allow_ingress_any_port", "-1", 0),
                                       ("ec2_networkacl_allow_ingress_tcp_port_22", "6", 22),
                                       ("ec2_networkacl_allow_ingress_tcp_port_3389", "6", 3389)):
                entry = prowler_acl_open(acl.get("Entries") or [], proto, port)
                if entry is not None:
                    out.append(finding("prowler", check, "medium", acl.get("NetworkAclId"), file,
                                       f"{path}.Entries[{entry}]"))
                    out[-1]["entry"] = acl["Entries"][entry]
    return out


def prowler_acl_open(entries, protocol, port):
    """prowler/providers/aws/services/ec2/lib/network_acls.py check_network_acl(): inbound entries
    by rule number, IPv6 (::/0) first, then IPv4 (0.0.0.0/0); returns the allowing entry's index."""
    def matches(e):
        rng = e.get("PortRange") or {}
        return e.get("Protocol") == "-1" or (
            e.get("Protocol") == protocol and rng.get("From", -1) <= port <= rng.get("To", -1))

    indexed = [(i, e) for i, e in enumerate(entries) if not e.get("Egress")]
    for field, world in (("Ipv6CidrBlock", "::/0"), ("CidrBlock", "0.0.0.0/0")):
        family = sorted([(i, e) for i, e in indexed if e.get(field) is not None], key=lambda x: x[1]["RuleNumber"])
        for i, e in family:
            if e.get(field) == world and matches(e):
                if e.get("RuleAction") == "deny":
                    break
                return i
    return None


# ---- ScoutSuite ------------------------------------------------------------------------------
# ScoutSuite/providers/aws/resources/ec2/securitygroups.py turns each permission into
# protocols[PROTO].ports[PORT-STRING] with grants; the rules in ScoutSuite/providers/aws/rules/
# findings/ match those strings. Levels from rulesets/default.json (danger / warning).

SCOUT_KNOWN_PORTS = [("MySQL", "TCP", "3306"), ("DNS", "UDP", "53"), ("MongoDB", "TCP", "27017"),
                     ("MsSQL", "TCP", "1433"), ("Oracle DB", "TCP", "1521"), ("PostgreSQL", "TCP", "5432"),
                     ("RDP", "TCP", "3389"), ("SSH", "TCP", "22"), ("NFS", "TCP", "2049"), ("SMTP", "TCP", "25")]
SCOUT_PLAINTEXT = [("FTP", "TCP", "21"), ("Telnet", "TCP", "23")]
SCOUT_PORT_TO_ALL_EXCLUDED = ["22", "80", "443", "1433", "1521", "3306", "3389", "5432", "27017"]


def scout_port_string(perm, proto):
    if "FromPort" not in perm or "ToPort" not in perm:
        return "1-65535"
    if proto == "ICMP":
        return f"icmp-type-{perm['FromPort']}"
    if perm["FromPort"] == perm["ToPort"]:
        return str(perm["FromPort"])
    return f"{perm['FromPort']}-{perm['ToPort']}"


def scout_grants(perm):
    """(JSON path suffix, CIDR or None, group id or None) for every grant of a permission."""
    for i, r in enumerate(perm.get("UserIdGroupPairs") or []):
        yield f"UserIdGroupPairs[{i}]", None, r.get("GroupId")
    for i, r in enumerate(perm.get("IpRanges") or []):
        yield f"IpRanges[{i}]", r.get("CidrIp"), None
    for i, r in enumerate(perm.get("Ipv6Ranges") or []):
        yield f"Ipv6Ranges[{i}]", r.get("CidrIpv6"), None


def scout_ingress(file, path, sg):
    out, gid = [], sg.get("GroupId")
    for i, perm in enumerate(sg.get("IpPermissions") or []):
        proto = (perm.get("IpProtocol") or "").upper()
        proto = "ALL" if proto == "-1" else proto
        port = scout_port_string(perm, proto)
        all_ports = port in ("0-65535", "1-65535") or proto == "ALL"
        for suffix, cidr, group in scout_grants(perm):
            at = f"{path}.IpPermissions[{i}].{suffix}"

            def add(rule, level, detail=""):
                out.append(finding("scoutsuite", rule, level, gid, file, at, detail))

            world = cidr in WORLD
            if world and all_ports:
                add("ec2-security-group-opens-all-ports-to-all", "danger")
            if all_ports:
                add("ec2-security-group-opens-all-ports", "warning")
            if all_ports and group == gid:
                add("ec2-security-group-opens-all-ports-to-self", "warning")
            for label, p, n in SCOUT_KNOWN_PORTS:
                if world and proto == p and port == n:
                    add(f"ec2-security-group-opens-{label}-port-to-all", "danger")
            for label, p, n in SCOUT_PLAINTEXT:
                if proto == p and port == n:
                    add(f"ec2-security-group-opens-plaintext-port-{label}", "danger")
            if world and proto in ("TCP", "UDP") and port not in SCOUT_PORT_TO_ALL_EXCLUDED:
                add(f"ec2-security-group-opens-{proto}-port-to-all", "warning", port)
            if world and proto == "ICMP":
                add("ec2-security-group-opens-icmp-to-all", "warning")
            if proto in ("ALL", "UDP", "TCP") and "-" in port and port != "0-65535":
                add("ec2-security-group-opens-port-range", "warning", port)
    return out


def scout_acl_allow_all(entries, egress):
    """_process_network_acls_check_for_allow_all: the first deny stops the scan; an allow of
    protocol ALL, ports 1-65535, 0.0.0.0/0 before it sets the flag (IPv6 entries never do)."""
    for i, e in sorted([(i, e) for i, e in enumerate(entries) if bool(e.get("Egress")) == egress],
                       key=lambda x: x[1]["RuleNumber"]):
        if e.get("RuleAction") == "deny":
            return None
        if e.get("CidrBlock") == "0.0.0.0/0" and e.get("Protocol") == "-1":
            return i
    return None


def scoutsuite(snap):
    out = []
    used = groups_on_enis(snap["NetworkInterfaces"])  # used_by: network_interfaces' Groups, ...
    for gid, users in groups_of_resources(snap).items():  # ... and the resources' own group lists
        used.setdefault(gid, []).extend(users)
    for file, path, sg in snap["SecurityGroups"]:
        gid, default = sg.get("GroupId"), sg.get("GroupName") == "default"
        out += scout_ingress(file, path, sg)
        if default and gid in used:
            out.append(finding("scoutsuite", "ec2-default-security-group-in-use", "warning", gid, file, path))
        if default:
            for key in ("IpPermissions", "IpPermissionsEgress"):
                if sg.get(key):
                    out.append(finding("scoutsuite", "ec2-default-security-group-with-rules", "warning", gid,
                                       file, f"{path}.{key}"))
        if not default and gid not in used:
            out.append(finding("scoutsuite", "ec2-unused-security-group", "warning", gid, file, path))
    for file, path, acl in snap["NetworkAcls"]:
        aid = acl.get("NetworkAclId")
        for direction, egress in (("ingress", False), ("egress", True)):
            entry = scout_acl_allow_all(acl.get("Entries") or [], egress)
            if entry is None:
                continue
            out.append(finding("scoutsuite", f"vpc-network-acls-allow-all-{direction}", "warning", aid, file,
                               f"{path}.Entries[{entry}]"))
            for assoc in acl.get("Associations") or []:  # one finding per subnet, on the same entry
                out.append(finding("scoutsuite", f"vpc-subnet-with-allow-all-{direction}-acls", "warning",
                                   aid, file, f"{path}.Entries[{entry}]", assoc.get("SubnetId")))
        if not acl.get("IsDefault") and not acl.get("Associations"):
            out.append(finding("scoutsuite", "vpc-network-acl-not-used", "warning", aid, file, path))
    return out


# ---- joined with sgscope -----------------------------------------------------------------------


def join_rows(scanner, audit):
    """One row per place (file + path of the rule or entry; the resource for the rest)."""
    rows = {}

    def row(resource, file, path):
        return rows.setdefault((resource, file, path), {"prowler": [], "scoutsuite": [], "sgscope": []})

    for f in scanner:
        row(f["resource"], f["file"], f["path"])[f["scanner"]].append(f)
    for f in audit.get("findings", []):
        src = f.get("source") or {}
        path = src.get("path", "")
        if f["check"] == "default-security-group-has-rules":  # ScoutSuite judges a direction's rule set
            path = re.sub(r"^(.*?\.IpPermissions(Egress)?)\[.*$", r"\1", path)
        row(f["resource"], src.get("file", ""), path)["sgscope"].append(f)
    return rows


BAND = {"critical": 3, "high": 3, "danger": 3, "medium": 2, "warning": 2, "low": 1, "info": 0}


# sgscope's checks that answer the scanners' question on the same place (is it open / exposed, is the
# group used, does the default group have rules, does the ACL filter); the others (wider than reachable,
# redundant, stale reference, managed ENI) say something the scanners do not ask.
COUNTERPARTS = {"exposed-sensitive-port", "all-ports-open", "nacl-allow-all", "unused-security-group",
                "default-security-group-has-rules", "default-security-group-in-use"}


def sgscope_band(r):
    return max((BAND[f["severity"]] for f in r["sgscope"] if f["check"] in COUNTERPARTS), default=None)


def classify(r):
    """Bands: critical/high/danger 3, medium/warning 2, low 1, info 0. "agree" when the scanners' most
    severe finding and sgscope's most severe counterpart finding are in the same band, "sgscope lower" /
    "sgscope higher" otherwise; "other finding" when sgscope reports the place only with checks the
    scanners have no counterpart of."""
    s = max((BAND[f["severity"]] for f in r["prowler"] + r["scoutsuite"]), default=None)
    g = sgscope_band(r)
    if s is None:
        return "sgscope only"
    if g is None:
        return "other finding" if r["sgscope"] else "scanners only"
    return "agree" if s == g else "sgscope lower" if g < s else "sgscope higher"


def scanner_reason(r, snap, checks):
    """Why sgscope is silent on a place only the scanners flag, from the snapshot itself."""
    rules = {f["rule"] for f in r["prowler"] + r["scoutsuite"]}
    f = (r["prowler"] + r["scoutsuite"])[0]
    enis = groups_on_enis(snap["NetworkInterfaces"]).get(f["resource"], [])
    users = groups_of_resources(snap).get(f["resource"], [])
    if rules & {"ec2_securitygroup_not_used", "ec2-unused-security-group"} and users:
        return (f"no interface carries {f['resource']}, but {', '.join(sorted(set(users)))} names it, so it is in use; "
                "Prowler's not_used looks only at ENIs, Lambda functions and other groups' references")
    if rules & {"ec2_securitygroup_not_used", "ec2-unused-security-group"}:
        return (f"no interface carries {f['resource']}" + (" (Prowler: another group references it)"
                if "ec2-unused-security-group" in rules and "ec2_securitygroup_not_used" not in rules else "")
                + not_run(checks, "unused-security-group"))
    if any(x.startswith("ec2-default-security-group") or x == "ec2_securitygroup_default_restrict_traffic"
           for x in rules):
        return (f"the default group {f['resource']} " + ("is on " + ", ".join(enis) if enis else "is on no interface")
                + (" (used by " + ", ".join(sorted(set(users))) + ")" if users else "")
                + not_run(checks, "default-security-group-has-rules"))
    if rules <= {"ec2-security-group-opens-port-range", "ec2-security-group-opens-all-ports",
                 "ec2-security-group-opens-all-ports-to-self"}:
        if ".UserIdGroupPairs[" in f["path"]:
            every = next((x["detail"] for x in r["scoutsuite"] if x["detail"]), "") == "1-65535"
            return ("the peer is a group, not an address range: only its members are admitted"
                    + (" (ScoutSuite reads an all-protocol rule as the port range 1-65535)" if every else ""))
        return "a port range or all ports to a non-world CIDR; sgscope judges ranges by what reaches them (exposure, `why`)"
    entry = next((x["entry"] for x in r["prowler"] if "entry" in x), None)
    if entry and entry.get("Protocol") != "-1":
        ports = entry.get("PortRange") or {}
        text = (f"entry {entry['RuleNumber']} allows only tcp {ports.get('From')}-{ports.get('To')} from "
                f"{entry.get('CidrBlock') or entry.get('Ipv6CidrBlock')}, not all traffic, so nacl-allow-all "
                "does not apply; Prowler counts any port inside the range as open")
        if ports.get("From", 0) >= 1024:
            text += " (it is the ephemeral range responses come back on; the groups decide what reaches the port)"
        return text
    if any(x.startswith("vpc-") or x.startswith("ec2_networkacl") for x in rules):
        return "an ACL entry sgscope's nacl-allow-all does not report: an earlier entry denies part of the traffic"
    if not enis:
        return f"no interface carries {f['resource']}: nothing is exposed"
    what = "ICMP" if "ec2-security-group-opens-icmp-to-all" in rules else f"port {f['detail'] or 'this port'}"
    return (f"{what}, open to the world on {', '.join(enis)}, is not a service of sgscope's sensitive-port list "
            "(docs/checks/exposed-sensitive-port.md); `sgscope exposure` lists what reaches it")


def not_run(checks, check):
    if check in checks:
        return f"; sgscope's {check} ran and does not report it"
    return f"; sgscope's {check} is not in this catalogue yet"


def sgscope_reason(r):
    """sgscope's own words: each counterpart check's message and first evidence line, then the message
    of each other check."""
    lines, seen = [], set()
    ordered = sorted(r["sgscope"], key=lambda f: f["check"] not in COUNTERPARTS)
    for f in ordered:
        if f["check"] in seen:
            continue
        seen.add(f["check"])
        extra = f.get("evidence", [])[:1] if f["check"] in COUNTERPARTS else []
        for line in [f"{f['check']}: {f['message']}"] + extra:
            if line not in lines:
                lines.append(line)
    return "; ".join(lines[:4])


def cell(findings, fmt):
    counts = {}
    for f in findings:
        counts[fmt(f)] = counts.get(fmt(f), 0) + 1
    return "<br>".join(f"{k} ×{n}" if n > 1 else k for k, n in sorted(counts.items())) or "—"


def scanner_text(f):
    detail = f" {f['detail']}" if f["detail"] and not f["detail"].startswith("subnet-") else ""
    return f"`{f['rule']}`{detail} ({f['severity']})"


def sgscope_text(f):
    return f"`{f['check']}` ({f['severity']})"


def markdown(rows, snap, quiet_checks, checks):
    print("| resource | place | Prowler | ScoutSuite | sgscope | verdict | why |")
    print("|---|---|---|---|---|---|---|")
    totals = {}
    for (resource, file, path), r in sorted(rows.items()):
        r["sgscope"] = [f for f in r["sgscope"] if f["check"] not in quiet_checks]
        if not (r["prowler"] or r["scoutsuite"] or r["sgscope"]):
            continue
        verdict = classify(r)
        totals[verdict] = totals.get(verdict, 0) + 1
        alarm = max((BAND[f["severity"]] for f in r["prowler"] + r["scoutsuite"]), default=0) == 3
        if alarm:
            totals["alarms"] = totals.get("alarms", 0) + 1
            if (sgscope_band(r) or 0) <= 1:
                totals["alarms rated low"] = totals.get("alarms rated low", 0) + 1
        why = sgscope_reason(r) if r["sgscope"] else scanner_reason(r, snap, checks)
        place = f"`{path}`" if path else "(resource)"
        print(f"| {resource} | {place} | {cell(r['prowler'], scanner_text)} | "
              f"{cell(r['scoutsuite'], scanner_text)} | {cell(r['sgscope'], sgscope_text)} | {verdict} | "
              f"{why.replace('|', '/')} |")
    counts = {k: sum(len(r[k]) for r in rows.values()) for k in ("prowler", "scoutsuite", "sgscope")}
    print()
    alarms = f"; high/critical/danger rows {totals.pop('alarms', 0)}, sgscope low/info or silent on " \
        f"{totals.pop('alarms rated low', 0)}"
    print("Rows by verdict: " + (", ".join(f"{k} {v}" for k, v in sorted(totals.items())) or "none") + alarms + ". "
          f"Findings: Prowler {counts['prowler']}, ScoutSuite {counts['scoutsuite']}, sgscope {counts['sgscope']}"
          " (without the quiet checks).")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("snapshot")
    p.add_argument("--sgscope", help="output of `sgscope audit SNAPSHOT --format json` to join with")
    p.add_argument("--quiet", action="append",
                   help="an sgscope check to leave out of the rows (e.g. rule-without-description)")
    args = p.parse_args()
    snap = load_snapshot(args.snapshot)
    scanner = prowler(snap) + scoutsuite(snap)
    if not args.sgscope:
        json.dump(scanner, sys.stdout, indent=1)
        print()
        return
    with open(args.sgscope) as f:
        audit = json.load(f)
    markdown(join_rows(scanner, audit), snap, set(args.quiet or []), set(audit.get("checks", [])))


if __name__ == "__main__":
    main()
