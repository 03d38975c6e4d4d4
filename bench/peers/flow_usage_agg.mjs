// bench_flows' peer: DuckDB reads the same default-format v2 .gz flow logs and tallies them the
// way a SQL approach to rule usage starts (before any join with the rules, which SQL cannot do
// exactly): records, packets and bytes per interface, action, protocol and destination port,
// traffic records only.
// Usage: node flow_usage_agg.mjs THREADS FILE...; prints one JSON line {seconds, cpuSeconds,
// records, groups} (wall and process CPU time of the query, excluding node's start-up).
import { timeFlowQuery } from './flow_duckdb.mjs';

const { seconds, cpuSeconds, row: [records, groups] } = await timeFlowQuery((source) => `
  WITH usage AS (
    SELECT "interface-id", action, protocol, dstport, count(*) AS records, sum(packets) AS packets, sum(bytes) AS bytes,
           min(start) AS first_seen, max("end") AS last_seen
    FROM ${source}
    WHERE "log-status" = 'OK' AND action IS NOT NULL
    GROUP BY ALL)
  SELECT sum(records)::BIGINT, count(*)::BIGINT FROM usage`, ', ignore_errors = true');
console.log(JSON.stringify({ seconds, cpuSeconds, records, groups }));
