import { randomUUID } from 'node:crypto';
import { millis, rate, ratio, type Row } from './table';
import { benchCsv, benchHost, openBenchCmdb } from './cmdb-fixture';

/**
 * 100k CIs from a generated CSV through the real import path (parse, plan,
 * one-transaction write with history, FTS and helper rows) beside the floor:
 * a raw prepared-statement loop writing the same rows into the same tables
 * (the CI row, its tag and field rows, its FTS row) in one transaction —
 * everything a searchable inventory needs, without parsing, checking,
 * matching or history.
 */
export async function benchCmdbImport(n = 100_000): Promise<Row[]> {
  const csv = benchCsv(n);

  const raw = openBenchCmdb('cmdb-raw');
  let rawMs: number;
  try {
    const db = raw.workspace.db;
    const insert = db.prepare(
      `INSERT INTO cmdb_cis (id, type, name, description, owner_team, owner_person, environment, status, criticality, tags, fields, address, port, user, credential_id, jump_host_id, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, 1)`,
    );
    const tag = db.prepare('INSERT INTO cmdb_ci_tags (ci_rid, tag) VALUES (?, ?)');
    const field = db.prepare('INSERT INTO cmdb_ci_fields (ci_rid, key, text_value, num_value) VALUES (?, ?, ?, NULL)');
    const fts = db.prepare(
      'INSERT INTO cmdb_ci_fts (rowid, name, description, tags, fields, address) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const t0 = performance.now();
    db.transaction(() => {
      const now = Date.now();
      for (let i = 0; i < n; i++) {
        const h = benchHost(i);
        const rid = insert.run(
          randomUUID(),
          h.type,
          h.name,
          h.description,
          h.ownerTeam,
          h.environment,
          h.status,
          JSON.stringify(h.tags),
          JSON.stringify({ os: h.os, rack: h.rack }),
          h.address,
          h.port,
          h.user,
          now,
          now,
        ).lastInsertRowid;
        for (const t of h.tags) tag.run(rid, t);
        field.run(rid, 'os', h.os);
        field.run(rid, 'rack', h.rack);
        fts.run(rid, h.name, h.description, h.tags.join(' '), `${h.os} ${h.rack}`, h.address);
      }
    })();
    rawMs = performance.now() - t0;
  } finally {
    await raw.close();
  }

  const real = openBenchCmdb('cmdb-import');
  let importMs: number;
  try {
    const t0 = performance.now();
    const job = await real.cmdb.runImport(
      { format: 'csv', content: csv, fileName: 'bench.csv', options: { defaults: {}, importKeys: [] } },
      'all-or-nothing',
      { actor: 'bench', requestId: 'bench' },
    );
    const done = await real.jobs.wait(job.id);
    importMs = performance.now() - t0;
    if (done.state !== 'succeeded') throw new Error(`bench import ${done.state}: ${done.error?.message}`);
  } finally {
    await real.close();
  }

  return [
    {
      name: `raw insert loop, ${n.toLocaleString('en-US')} CIs (same rows and tables, one transaction)`,
      value: `${millis(rawMs)} (${rate(n, rawMs)})`,
    },
    {
      name: `cmdb import from CSV, ${n.toLocaleString('en-US')} CIs (parse + plan + write + history)`,
      value: `${millis(importMs)} (${rate(n, importMs)})`,
      vs: `${ratio(importMs, rawMs)} raw (goal ≤ 2×)`,
    },
  ];
}
