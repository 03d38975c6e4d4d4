// Writes the Parquet flow log fixtures of tests/data/flow_logs/parquet with DuckDB and reads
// each back with hyparquet (an independent reader) into <name>.expected.json, the oracle of
// src/ingest/flow_log_parquet_test.cc. Usage (from bench/peers, after `npm install`):
//   node parquet_fixtures.mjs ../../tests/data/flow_logs/parquet
// Column names and types follow the "Parquet data type" of the AWS field table (INT_32 for
// version, ports, protocol, tcp-flags, traffic-path; INT_64 for packets, bytes, start, end;
// STRING otherwise): https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadataAsync, parquetReadObjects, asyncBufferFromFile } from 'hyparquet';

const out = resolve(process.argv[2] ?? '../../tests/data/flow_logs/parquet');
mkdirSync(out, { recursive: true });

const V2 = [
  ['version', 'INTEGER'], ['account_id', 'VARCHAR'], ['interface_id', 'VARCHAR'], ['srcaddr', 'VARCHAR'],
  ['dstaddr', 'VARCHAR'], ['srcport', 'INTEGER'], ['dstport', 'INTEGER'], ['protocol', 'INTEGER'],
  ['packets', 'BIGINT'], ['bytes', 'BIGINT'], ['start', 'BIGINT'], ['end', 'BIGINT'], ['action', 'VARCHAR'],
  ['log_status', 'VARCHAR'],
];
const V3_V5 = [
  ['vpc_id', 'VARCHAR'], ['subnet_id', 'VARCHAR'], ['instance_id', 'VARCHAR'], ['tcp_flags', 'INTEGER'],
  ['type', 'VARCHAR'], ['pkt_srcaddr', 'VARCHAR'], ['pkt_dstaddr', 'VARCHAR'], ['region', 'VARCHAR'],
  ['az_id', 'VARCHAR'], ['sublocation_type', 'VARCHAR'], ['sublocation_id', 'VARCHAR'],
  ['pkt_src_aws_service', 'VARCHAR'], ['pkt_dst_aws_service', 'VARCHAR'], ['flow_direction', 'VARCHAR'],
  ['traffic_path', 'INTEGER'],
];
const V7_V8 = [
  ['ecs_cluster_arn', 'VARCHAR'], ['ecs_cluster_name', 'VARCHAR'], ['ecs_container_instance_arn', 'VARCHAR'],
  ['ecs_container_instance_id', 'VARCHAR'], ['ecs_container_id', 'VARCHAR'], ['ecs_second_container_id', 'VARCHAR'],
  ['ecs_service_name', 'VARCHAR'], ['ecs_task_definition_arn', 'VARCHAR'], ['ecs_task_arn', 'VARCHAR'],
  ['ecs_task_id', 'VARCHAR'], ['reject_reason', 'VARCHAR'],
];

// Deterministic rows: IPv4 and IPv6, both actions, NODATA rows with their null columns.
function v2Row(i) {
  const v6 = i % 5 === 4;
  const nodata = i % 11 === 10;
  const src = v6 ? `2001:db8:${(i % 3).toString(16)}::${(i * 7).toString(16)}` : `10.0.${i % 4}.${(i * 13) % 250 + 1}`;
  const dst = v6 ? `2001:db8:ff::${i.toString(16)}` : `172.31.${i % 2}.${(i * 29) % 250 + 1}`;
  const row = {
    version: 2, account_id: '123456789010', interface_id: `eni-0${(1000 + (i % 6)).toString(16)}abcdef0`,
    srcaddr: src, dstaddr: dst, srcport: 1024 + ((i * 977) % 60000), dstport: [22, 443, 3389, 53, 80][i % 5],
    protocol: i % 7 === 3 ? 17 : 6, packets: 1 + ((i * 31) % 900), bytes: 40 + i * 104729,
    start: 1700000000 + i * 60, end: 1700000050 + i * 60, action: i % 3 === 0 ? 'REJECT' : 'ACCEPT', log_status: 'OK',
  };
  if (i === 7) row.bytes = 9007199254740993n;  // above 2^53: hyparquet keeps INT64 exact as BigInt
  if (nodata) {
    for (const k of ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'action']) row[k] = null;
    row.log_status = 'NODATA';
  }
  return row;
}

function v5Row(i) {
  const row = v2Row(i);
  Object.assign(row, {
    version: 5, vpc_id: `vpc-0${i % 2}a1b2c3d4`, subnet_id: `subnet-0${i % 3}aa11bb22`,
    instance_id: i % 4 === 1 ? null : `i-0${(0xabc0 + i).toString(16)}`, tcp_flags: [2, 18, 3, 19, 0, 1][i % 6],
    type: row.srcaddr && row.srcaddr.includes(':') ? 'IPv6' : 'IPv4',
    pkt_srcaddr: i % 6 === 2 ? '203.0.113.5' : row.srcaddr, pkt_dstaddr: row.dstaddr,
    region: 'eu-west-1', az_id: i % 9 === 8 ? null : `euw1-az${1 + (i % 3)}`,
    sublocation_type: i % 9 === 8 ? 'outpost' : null, sublocation_id: i % 9 === 8 ? 'op-0123456789abcdef0' : null,
    pkt_src_aws_service: i % 6 === 2 ? 'AMAZON' : null, pkt_dst_aws_service: i % 8 === 5 ? 'S3' : null,
    flow_direction: i % 2 ? 'egress' : 'ingress', traffic_path: i % 2 ? 1 + (i % 8) : null,
  });
  if (i === 3) row.start = 1700000000123;  // milliseconds, normalised to seconds like the text reader
  return row;
}

function v8Row(i) {
  const row = v5Row(i);
  const task = `${(0x5e1a0000 + i * 4099).toString(16)}${'0'.repeat(24)}`;
  Object.assign(row, {
    version: 8, ecs_cluster_arn: `arn:aws:ecs:eu-west-1:123456789010:cluster/c${i}`, ecs_cluster_name: `c${i}`,
    ecs_container_instance_arn: `arn:aws:ecs:eu-west-1:123456789010:container-instance/c${i}/${task}`,
    ecs_container_instance_id: task, ecs_container_id: `${task}-${i}`,
    ecs_second_container_id: i % 2 ? null : `${task}-b${i}`, ecs_service_name: `svc-${i}`,
    ecs_task_definition_arn: `arn:aws:ecs:eu-west-1:123456789010:task-definition/td-${i}:${i}`,
    ecs_task_arn: `arn:aws:ecs:eu-west-1:123456789010:task/c${i}/${task}`, ecs_task_id: `${task}${i}`,
    reject_reason: row.action === 'REJECT' && i % 2 ? 'BPA' : null,
  });
  return row;
}

// hyparquet decodes snappy itself; gzip pages go through node's zlib.
const compressors = { GZIP: (input) => new Uint8Array(gunzipSync(input)) };

const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();

function sqlValue(v, type) {
  if (v === null || v === undefined) return `NULL::${type}`;
  if (type === 'VARCHAR') return `'${String(v).replaceAll("'", "''")}'`;
  return `${v}::${type}`;
}

// DuckDB starts a row group when a source chunk fills ROW_GROUP_SIZE; one SELECT per group
// of rows (UNION ALL) yields chunks that small, so a few dozen rows make several row groups.
async function writeFixture(name, columns, rows, groupRows, options, rename = (c) => c) {
  const groups = [];
  for (let g = 0; g < rows.length; g += groupRows) {
    const values = rows.slice(g, g + groupRows).map(
      (r) => `(${columns.map(([c, t]) => sqlValue(r[c], t)).join(', ')})`);
    const names = columns.map(([c]) => `"${rename(c)}"`).join(', ');
    groups.push(`SELECT * FROM (VALUES ${values.join(', ')}) AS t(${names})`);
  }
  const file = join(out, `${name}.parquet`);
  rmSync(file, { force: true });
  await connection.run(`COPY (${groups.join(' UNION ALL ')}) TO '${file}' (FORMAT parquet, ${options},
                        ROW_GROUP_SIZE ${groupRows})`);
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const chunks = metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data));
  const expected = {
    file: `${name}.parquet`,
    written_by: 'DuckDB (@duckdb/node-api) via bench/peers/parquet_fixtures.mjs; rows read by hyparquet',
    row_groups: metadata.row_groups.length,
    codecs: [...new Set(chunks.map((c) => c.codec))].sort(),
    encodings: [...new Set(chunks.flatMap((c) => c.encodings))].sort(),
    rows: await parquetReadObjects({ file: buffer, compressors }),
  };
  const json = JSON.stringify(expected, (k, v) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : String(v)) : v), 1);
  writeFileSync(join(out, `${name}.expected.json`), json + '\n');
  console.log(name, expected.row_groups, 'row groups', expected.codecs, expected.encodings);
}

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
// Default v2 fields as AWS names them, gzip as AWS delivers them.
await writeFixture('v2_gzip', V2, range(40, v2Row), 16, 'COMPRESSION gzip');
// Every v2-v5 field, hyphenated names as in text headers, snappy (DuckDB's default codec).
await writeFixture('v5_snappy_hyphens', [...V2, ...V3_V5], range(30, v5Row), 12, 'COMPRESSION snappy',
                   (c) => c.replaceAll('_', '-'));
// v7/v8 fields, no compression, plain encoding (no dictionary), plus columns sgscope does not know.
await writeFixture('v8_uncompressed_plain', [...V2, ...V3_V5, ...V7_V8, ['resource_note', 'VARCHAR'], ['score', 'DOUBLE']],
                   range(20, (i) => ({ ...v8Row(i), resource_note: `n${i}`, score: i / 4 })), 8,
                   'COMPRESSION uncompressed, DICTIONARY_SIZE_LIMIT 1');
// Format version 2 of Parquet: data pages v2 and DELTA_BINARY_PACKED integers.
await writeFixture('v2_pages_v2_snappy', V2, range(24, v2Row), 10, 'COMPRESSION snappy, PARQUET_VERSION v2');
// A Transit Gateway flow log (resource_type, tgw_id columns): not VPC records, skipped.
await writeFixture('tgw_skipped', [['version', 'INTEGER'], ['resource_type', 'VARCHAR'], ['account_id', 'VARCHAR'],
                                  ['tgw_id', 'VARCHAR'], ['srcaddr', 'VARCHAR'], ['packets', 'BIGINT']],
                   range(12, (i) => ({ version: 6, resource_type: 'TransitGateway', account_id: '123456789010',
                                       tgw_id: 'tgw-0123456789abcdef0', srcaddr: `10.1.0.${i}`, packets: i })),
                   6, 'COMPRESSION gzip');
// A known field stored as DOUBLE (not an AWS type): diagnosed, its rows lost.
await writeFixture('srcport_double', [['srcport', 'DOUBLE'], ['note', 'VARCHAR']],
                   range(5, (i) => ({ srcport: 443 + i, note: `n${i}` })), 5, 'COMPRESSION snappy');
// No column names a flow log field.
await writeFixture('no_flow_columns', [['note', 'VARCHAR']], range(3, (i) => ({ note: `n${i}` })), 3,
                   'COMPRESSION snappy');
