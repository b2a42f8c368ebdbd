import { randomUUID } from 'node:crypto';
import { OpsError } from '../../shared/api/errors';
import type { ExportedSecret } from './export-format';
import type { SecretRow, SecretWrite } from './rows';
import { openSecret, sealSecret } from './secret-box';

export type OnConflict = 'skip' | 'replace' | 'keep-both';

export interface ImportCounts {
  imported: number;
  replaced: number;
  skipped: number;
}

/** `base`, or `base (2)`, `base (3)` … whichever is free first. */
export function uniqueName(base: string, isTaken: (name: string) => boolean): string {
  if (!isTaken(base)) return base;
  for (let i = 2; ; i++) if (!isTaken(`${base} (${i})`)) return `${base} (${i})`;
}

/** Decrypts every row; one damaged secret fails the export, it is never silently left out. */
export function collectForExport(dek: Buffer, rows: SecretRow[]): ExportedSecret[] {
  return rows.map((row) => {
    const { value, keyPassphrase } = openSecret(dek, row);
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      notes: row.notes,
      value,
      ...(keyPassphrase === undefined ? {} : { keyPassphrase }),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

/**
 * Decides, before anything is written, what each incoming secret becomes, and
 * seals it; the caller writes the whole plan in one transaction, so a bad
 * secret in the file leaves the vault untouched.
 */
export function planImport(
  dek: Buffer,
  incoming: ExportedSecret[],
  onConflict: OnConflict,
  current: { rows: SecretRow[]; now: number },
): { writes: { write: SecretWrite; replace: boolean }[]; counts: ImportCounts } {
  const byName = new Map(current.rows.map((r) => [r.name.toLowerCase(), r]));
  const takenIds = new Set(current.rows.map((r) => r.id));
  const counts: ImportCounts = { imported: 0, replaced: 0, skipped: 0 };
  const writes: { write: SecretWrite; replace: boolean }[] = [];
  for (const s of incoming) {
    const existing = byName.get(s.name.toLowerCase());
    if (existing && onConflict === 'skip') {
      counts.skipped++;
      continue;
    }
    const replace = Boolean(existing && onConflict === 'replace');
    const name = replace ? existing!.name : existing ? uniqueName(s.name, (n) => byName.has(n.toLowerCase())) : s.name;
    // Keeping the exported id lets CIs carried over with a CMDB export find their credential.
    const id = replace ? existing!.id : takenIds.has(s.id) ? randomUUID() : s.id;
    let write: SecretWrite;
    try {
      write = sealSecret(dek, { ...s, id, name }, current.now);
    } catch (e) {
      if (e instanceof OpsError) throw new OpsError(e.code, `The secret "${s.name}" in the export file: ${e.message}`);
      throw e;
    }
    writes.push({ write, replace });
    if (!replace) byName.set(name.toLowerCase(), { ...existing!, id, name });
    takenIds.add(id);
    counts[replace ? 'replaced' : 'imported']++;
  }
  return { writes, counts };
}
