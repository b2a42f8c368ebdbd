import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../main/audit/canonical-json';
import { millis, rate, ratio, timed, type Row } from './table';
import { openBenchWorkspace, sampleEntry, seedAudit, tempDir } from './workspace-fixture';

const appendRows = 20_000;
const verifyRows = 100_000;

/** The same table and pragmas as the workspace, without the audit service: the floor it is compared with. */
function rawDb(file: string, schemaSql: string[]): Database.Database {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const sql of schemaSql) db.exec(sql);
  return db;
}

function rawInsertLoop(db: Database.Database, n: number, oneTransaction: boolean): number {
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, time, actor, action, target, outcome, details, ref, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hash = 'f'.repeat(64);
  const one = (i: number) => {
    const e = sampleEntry(i);
    insert.run(i + 1, Date.now(), e.actor, e.action, e.target, e.outcome, canonicalJson(e.details), null, hash, hash);
  };
  const perRow = db.transaction(one);
  return timed(() => {
    if (oneTransaction)
      db.transaction(() => {
        for (let i = 0; i < n; i++) one(i);
      })();
    else for (let i = 0; i < n; i++) perRow(i);
  }).ms;
}

export function benchAuditAppend(): Row[] {
  const dir = tempDir('audit');
  try {
    const { workspace, audit } = openBenchWorkspace(path.join(dir, 'service.sqlite'));
    const schemaSql = (
      workspace.db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'audit_log' AND sql IS NOT NULL").all() as {
        sql: string;
      }[]
    ).map((r) => r.sql);
    // As the app does: every append is its own transaction (hash, insert, head update).
    const service = timed(() => {
      for (let i = 0; i < appendRows; i++) audit.append(sampleEntry(i));
    }).ms;
    workspace.close();

    const perRowDb = rawDb(path.join(dir, 'raw-per-row.sqlite'), schemaSql);
    const rawPerRow = rawInsertLoop(perRowDb, appendRows, false);
    perRowDb.close();
    const oneTxDb = rawDb(path.join(dir, 'raw-one-tx.sqlite'), schemaSql);
    const rawOneTx = rawInsertLoop(oneTxDb, appendRows, true);
    oneTxDb.close();

    const big = openBenchWorkspace(path.join(dir, 'verify.sqlite'));
    const seeding = timed(() => seedAudit(big.audit, big.workspace.db, verifyRows)).ms;
    const verify = timed(() => big.audit.verify());
    big.workspace.close();
    if (!verify.result.ok) throw new Error('the seeded chain did not verify');

    return [
      {
        name: `AuditLog.append, ${appendRows.toLocaleString('en-US')} rows, tx per row`,
        value: rate(appendRows, service),
        vs: `${ratio(rawPerRow, service)} of raw per-row speed`,
      },
      {
        name: 'raw INSERT, same columns + pragmas, tx per row',
        value: rate(appendRows, rawPerRow),
        vs: `${ratio(rawOneTx, rawPerRow)} of the ceiling`,
      },
      { name: 'raw INSERT, one transaction (ceiling)', value: rate(appendRows, rawOneTx), vs: 'ceiling' },
      {
        name: `AuditLog.append in one tx (seeding ${verifyRows.toLocaleString('en-US')})`,
        value: rate(verifyRows, seeding),
        vs: `${ratio(rawOneTx, (seeding * appendRows) / verifyRows)} of the ceiling`,
      },
      {
        name: `audit.verify, ${verifyRows.toLocaleString('en-US')} entries`,
        value: rate(verifyRows, verify.ms),
        vs: `${millis(verify.ms)} total, ${ratio(verify.ms, seeding)} of seeding time`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
