// What the DuckDB peers of the flow log benchmarks share: the arguments (THREADS FILE...), an
// in-memory DuckDB (@duckdb/node-api) with that many threads, the read_csv of the default-format
// v2 .gz files, and the query timed: wall and process CPU time, excluding node's start-up.
import { DuckDBInstance } from '@duckdb/node-api';

const columns = `{'version': 'INTEGER', 'account-id': 'VARCHAR', 'interface-id': 'VARCHAR', 'srcaddr': 'VARCHAR',
  'dstaddr': 'VARCHAR', 'srcport': 'INTEGER', 'dstport': 'INTEGER', 'protocol': 'INTEGER', 'packets': 'BIGINT',
  'bytes': 'BIGINT', 'start': 'BIGINT', 'end': 'BIGINT', 'action': 'VARCHAR', 'log-status': 'VARCHAR'}`;

// Runs the SQL `query(source)` builds, `source` being the files' read_csv (with `readOptions`
// appended to its options); returns {seconds, cpuSeconds, row} with the first row's numbers.
export async function timeFlowQuery(query, readOptions = '') {
  const [threads, ...files] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
  const source = `read_csv([${list}], delim = ' ', header = true, nullstr = '-', columns = ${columns}${readOptions})`;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const reader = await connection.runAndReadAll(query(source));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, row: reader.getRows()[0].map(Number) };
}
