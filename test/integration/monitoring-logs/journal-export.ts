import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Real journal files without a running journald: entries written in the
 * Journal Export Format (systemd's documented serialization) are turned into
 * a journal file by `systemd-journal-remote` (Debian package
 * systemd-journal-remote), which appends when the file exists. journalctl then
 * reads that directory exactly as it reads /var/log/journal.
 */

export const JOURNAL_REMOTE = '/lib/systemd/systemd-journal-remote';

export interface ExportEntry {
  /** epoch microseconds */
  realtimeUs: bigint;
  fields: Record<string, string | Uint8Array>;
}

const BOOT_ID = '6a5bf7b6e2d54d2ab33c3a5a1ee3fd3c';
let monotonic = 1_000_000n;

/** One entry in the export format: text fields as KEY=VALUE, binary or multi-line ones length-prefixed. */
export function exportEntry(e: ExportEntry): Buffer {
  const parts: Buffer[] = [];
  const put = (k: string, v: string | Uint8Array) => {
    const bytes = typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v);
    const binary = typeof v !== 'string' || v.includes('\n') || bytes.some((b) => b < 0x20 && b !== 0x09);
    if (!binary) {
      parts.push(Buffer.from(`${k}=`), bytes, Buffer.from('\n'));
      return;
    }
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(bytes.length));
    parts.push(Buffer.from(`${k}\n`), len, bytes, Buffer.from('\n'));
  };
  put('__REALTIME_TIMESTAMP', e.realtimeUs.toString());
  put('__MONOTONIC_TIMESTAMP', (monotonic++).toString());
  put('_BOOT_ID', BOOT_ID);
  for (const [k, v] of Object.entries(e.fields)) put(k, v);
  parts.push(Buffer.from('\n'));
  return Buffer.concat(parts);
}

/** Appends entries to `<dir>/opsroom.journal` (created when missing) with the real systemd-journal-remote. */
export function writeJournal(dir: string, entries: ExportEntry[]): string {
  if (!fs.existsSync(JOURNAL_REMOTE)) {
    throw new Error(`${JOURNAL_REMOTE} is missing: install the Debian package systemd-journal-remote (see .ci/run).`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const input = path.join(dir, `.export-${process.pid}-${Date.now()}`);
  const out = path.join(dir, 'opsroom.journal');
  fs.writeFileSync(input, Buffer.concat(entries.map(exportEntry)));
  try {
    execFileSync(JOURNAL_REMOTE, ['-o', out, input], { stdio: ['ignore', 'ignore', 'pipe'] });
  } finally {
    fs.rmSync(input, { force: true });
  }
  fs.chmodSync(out, 0o644);
  return out;
}
