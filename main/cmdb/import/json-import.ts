import { z } from 'zod';
import { ci as ciSchema, type Ci } from '../../../shared/api/cmdb-model';
import { scanJson } from './json-scan';
import { assertText, lineIndex, Problems, unreadable } from './problems';
import type { ImportRecord, ParseResult } from './types';
import { recordProblem } from './values';

export const exportFormatName = 'opsroom-cmdb';
export const exportVersion = 1;

const relationItem = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'relation types are lowercase letters, digits and _'),
  from: z.string().min(1),
  to: z.string().min(1),
});

/** Opsroom's own JSON export → records that recreate the same CIs (ids included) and relations. */
export function parseJsonExport(content: string): ParseResult {
  assertText(content, 'an Opsroom JSON export');
  const text = content.replace(/^\uFEFF/, '');
  const toLine = lineIndex(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const scanned = scanJson(text).error;
    const reported = /position (\d+)/.exec((e as Error).message);
    const at = scanned ?? (reported ? Number(reported[1]) : text.length);
    throw unreadable(toLine(at), `this is not valid JSON (${(e as Error).message.split('\n')[0].slice(0, 120)})`);
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    (data as { format?: unknown }).format !== exportFormatName
  )
    throw unreadable(1, `this is not an Opsroom CMDB export (it needs "format": "${exportFormatName}")`);
  const doc = data as { version?: unknown; cis?: unknown; relations?: unknown };
  if (doc.version !== exportVersion)
    throw unreadable(
      1,
      `export version ${JSON.stringify(doc.version)} is not supported (this Opsroom reads version ${exportVersion})`,
    );
  if (!Array.isArray(doc.cis)) throw unreadable(1, 'the export has no "cis" list');
  if (doc.relations !== undefined && !Array.isArray(doc.relations)) throw unreadable(1, '"relations" must be a list');
  const offsets = scanJson(text).items;
  const where = (key: string, k: number) => {
    const off = offsets.get(key)?.[k];
    return off === undefined
      ? { line: Math.min(k + 1, toLine(text.length)), label: `${key} item ${k + 1} (line unknown)` }
      : { line: toLine(off), label: `${key}[${k}]` };
  };

  const problems = new Problems();
  const valid = new Map<string, { ci: Ci; record: ImportRecord }>();
  const failed = new Set<string>();
  const cis = doc.cis as unknown[];
  cis.forEach((raw, k) => {
    const { line, label } = where('cis', k);
    const parsed = ciSchema.safeParse(raw);
    const rawId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
    const rawName = typeof (raw as { name?: unknown })?.name === 'string' ? (raw as { name: string }).name : null;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.error(line, `${label}: ${issue.path.join('.') || 'item'}: ${issue.message}`, rawName);
      if (rawId) failed.add(rawId);
      return;
    }
    const c = parsed.data;
    if (valid.has(c.id) || failed.has(c.id)) {
      problems.error(line, `${label}: the id ${c.id} appears twice`, c.name);
      return;
    }
    const record = toRecord(c, line);
    const problem = recordProblem(record);
    if (problem) {
      problems.error(line, `${label}: ${problem}`, c.name);
      failed.add(c.id);
      return;
    }
    valid.set(c.id, { ci: c, record });
  });

  const byTypeName = new Map<string, number>();
  for (const { ci } of valid.values())
    byTypeName.set(`${ci.type}\u0000${ci.name}`, (byTypeName.get(`${ci.type}\u0000${ci.name}`) ?? 0) + 1);
  for (const { ci, record } of valid.values()) {
    const conn = ci.connection;
    if (!conn || !record.connection) continue;
    // Kept as a reference: the importing side checks that the secret exists in its vault.
    if (conn.credentialId) record.connection.credentialId = conn.credentialId;
    if (conn.jumpHostId) {
      const jump = valid.get(conn.jumpHostId);
      if (jump) record.connection.jumpHost = jump.ci.name;
      else
        problems.notice(
          record.line,
          `${ci.name}: its jump host ${conn.jumpHostId} is not in this export; no jump host set`,
          ci.name,
        );
    }
  }

  ((doc.relations as unknown[] | undefined) ?? []).forEach((raw, k) => {
    const { line, label } = where('relations', k);
    const parsed = relationItem.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.error(line, `${label}: ${issue.path.join('.') || 'item'}: ${issue.message}`);
      return;
    }
    const { type, from, to } = parsed.data;
    const src = valid.get(from);
    const dst = valid.get(to);
    if (!src || !dst) {
      const missing = !src ? from : to;
      const why = failed.has(missing) ? 'has errors' : 'is not in this export';
      problems.error(line, `${label}: ${type} ${from} → ${to}: the CI ${missing} ${why}`, src?.ci.name ?? null);
      return;
    }
    if ((byTypeName.get(`${dst.ci.type}\u0000${dst.ci.name}`) ?? 0) > 1)
      problems.notice(
        line,
        `${label}: several ${dst.ci.type} CIs are named "${dst.ci.name}"; this relation may land on another one`,
        src.ci.name,
      );
    src.record.relations?.push({ type, to: dst.ci.name, toType: dst.ci.type });
  });

  return { records: [...valid.values()].map((v) => v.record), errors: problems.errors, notices: problems.notices };
}

/** The record that recreates this CI; everything but times, version and credential. */
function toRecord(c: Ci, line: number): ImportRecord {
  const record: ImportRecord = {
    line,
    id: c.id,
    type: c.type,
    name: c.name,
    description: c.description,
    ownerTeam: c.ownerTeam,
    ownerPerson: c.ownerPerson,
    environment: c.environment,
    status: c.status,
    criticality: c.criticality,
    tags: [...c.tags],
    fields: { ...c.fields },
    relations: [],
  };
  if (c.connection)
    record.connection = {
      address: c.connection.address,
      port: c.connection.port,
      user: c.connection.user,
      jumpHost: null,
    };
  return record;
}
