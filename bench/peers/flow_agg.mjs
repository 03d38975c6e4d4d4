// bench_flow_parse's peer: DuckDB (@duckdb/node-api) reads the same default-format v2 .gz
// flow logs (read_csv, delim ' ', header) and sums bytes per interface, as sgscope does.
// Usage: node flow_agg.mjs THREADS FILE...; prints one JSON line {seconds, cpuSeconds,
// records, interfaces, bytes} (wall and process CPU time of the query, excluding node's
// start-up). NODATA / SKIPDATA
// records are left out, as the sgscope reader leaves them out.
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
  WITH per_interface AS (
    SELECT "interface-id" AS eni, sum(bytes) AS bytes, count(*) AS records
    FROM read_csv([${list}], delim = ' ', header = true, nullstr = '-', columns = ${columns})
    WHERE "log-status" = 'OK'
    GROUP BY eni)
  SELECT sum(records)::BIGINT, count(*)::BIGINT, sum(bytes)::BIGINT FROM per_interface`);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const [records, interfaces, bytes] = reader.getRows()[0].map(Number);
console.log(JSON.stringify({ seconds, cpuSeconds, records, interfaces, bytes }));
