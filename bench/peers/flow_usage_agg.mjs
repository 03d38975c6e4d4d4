// bench_flows' peer: DuckDB (@duckdb/node-api) reads the same default-format v2 .gz flow logs and
// tallies them the way a SQL approach to rule usage starts (before any join with the rules,
// which SQL cannot do exactly): records, packets and bytes per interface, action, protocol and
// destination port, traffic records only.
// Usage: node flow_usage_agg.mjs THREADS FILE...; prints one JSON line {seconds, cpuSeconds,
// records, groups} (wall and process CPU time of the query, excluding node's start-up).
import { DuckDBInstance } from '@duckdb/node-api';

const [threads, ...files] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
const columns = `{'version': 'INTEGER', 'account-id': 'VARCHAR', 'interface-id': 'VARCHAR', 'srcaddr': 'VARCHAR',
  'dstaddr': 'VARCHAR', 'srcport': 'INTEGER', 'dstport': 'INTEGER', 'protocol': 'INTEGER', 'packets': 'BIGINT',
  'bytes': 'BIGINT', 'start': 'BIGINT', 'end': 'BIGINT', 'action': 'VARCHAR', 'log-status': 'VARCHAR'}`;
const start = performance.now();
const cpuStart = process.cpuUsage();
const reader = await connection.runAndReadAll(`
  WITH usage AS (
    SELECT "interface-id", action, protocol, dstport, count(*) AS records, sum(packets) AS packets, sum(bytes) AS bytes,
           min(start) AS first_seen, max("end") AS last_seen
    FROM read_csv([${list}], delim = ' ', header = true, nullstr = '-', columns = ${columns}, ignore_errors = true)
    WHERE "log-status" = 'OK' AND action IS NOT NULL
    GROUP BY ALL)
  SELECT sum(records)::BIGINT, count(*)::BIGINT FROM usage`);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const [records, groups] = reader.getRows()[0].map(Number);
console.log(JSON.stringify({ seconds, cpuSeconds, records, groups }));
