// bench_flow_parse's peer: DuckDB reads the same default-format v2 .gz flow logs (read_csv,
// delim ' ', header) and sums bytes per interface, as sgscope does.
// Usage: node flow_agg.mjs THREADS FILE...; prints one JSON line {seconds, cpuSeconds,
// records, interfaces, bytes} (wall and process CPU time of the query, excluding node's
// start-up). NODATA / SKIPDATA records are left out, as the sgscope reader leaves them out.
import { timeFlowQuery } from './flow_duckdb.mjs';

const { seconds, cpuSeconds, row: [records, interfaces, bytes] } = await timeFlowQuery((source) => `
  WITH per_interface AS (
    SELECT "interface-id" AS eni, sum(bytes) AS bytes, count(*) AS records
    FROM ${source}
    WHERE "log-status" = 'OK'
    GROUP BY eni)
  SELECT sum(records)::BIGINT, count(*)::BIGINT, sum(bytes)::BIGINT FROM per_interface`);
console.log(JSON.stringify({ seconds, cpuSeconds, records, interfaces, bytes }));
