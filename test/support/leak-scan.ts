import fs from 'node:fs';
import path from 'node:path';

/** A value that must never be seen outside the vault: a planted secret, a passphrase, key material. */
export interface Marker {
  label: string;
  bytes: Buffer;
}

/** Bytes that were observed somewhere (a response, a frame, a file), named for the report. */
export interface Haystack {
  where: string;
  bytes: Buffer;
}

export function marker(label: string, value: string | Buffer): Marker {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  // Short needles match by chance in megabytes of SQLite pages and base64.
  if (bytes.length < 16) throw new Error(`marker ${label} is too short to search for (${bytes.length} bytes)`);
  return { label, bytes };
}

/**
 * The base64 text of `bytes` as it appears inside a longer base64 string, for
 * each of the three alignments it can start at: only the characters that
 * encode nothing but these bytes, so the needle matches whatever surrounds it.
 */
function base64Aligned(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const first = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    out.push(b64.slice(first, end));
  }
  return out;
}

/** Every encoding a marker could leak in: as is, hex (both cases), base64 and base64url at each alignment, UTF-16LE. */
export function markerForms(m: Marker): { form: string; needle: Buffer }[] {
  const forms: { form: string; needle: Buffer }[] = [{ form: 'plaintext', needle: m.bytes }];
  const hex = m.bytes.toString('hex');
  forms.push({ form: 'hex', needle: Buffer.from(hex) }, { form: 'HEX', needle: Buffer.from(hex.toUpperCase()) });
  base64Aligned(m.bytes).forEach((s, k) => {
    forms.push({ form: `base64@${k}`, needle: Buffer.from(s) });
    const url = s.replace(/\+/g, '-').replace(/\//g, '_');
    if (url !== s) forms.push({ form: `base64url@${k}`, needle: Buffer.from(url) });
  });
  forms.push({ form: 'utf16le', needle: Buffer.from(m.bytes.toString('latin1'), 'utf16le') });
  return forms;
}

/** One line per (marker, form, place) found: empty means nothing leaked. */
export function findLeaks(haystacks: readonly Haystack[], markers: readonly Marker[]): string[] {
  const leaks: string[] = [];
  for (const m of markers) {
    for (const { form, needle } of markerForms(m)) {
      for (const h of haystacks) {
        const at = h.bytes.indexOf(needle);
        if (at >= 0) leaks.push(`${m.label} (${form}) in ${h.where} at byte ${at}`);
      }
    }
  }
  return leaks;
}

/** Every regular file under `dir`, read whole (the workspace, its -wal, snapshots, logs). */
export function filesUnder(dir: string): Haystack[] {
  const out: Haystack[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ where: `file ${path.relative(dir, p)}`, bytes: fs.readFileSync(p) });
    }
  };
  walk(dir);
  return out;
}

/**
 * The markers an OpenSSH private key file carries besides its passphrase:
 * each full base64 body line as text, and the tail of the decoded key (which
 * sits in the private, encrypted section) as raw bytes.
 */
export function privateKeyMarkers(label: string, privateKey: string): Marker[] {
  const body = privateKey
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('-----'));
  const out: Marker[] = [];
  // The last line is short and ends in padding; full lines only.
  body.slice(0, -1).forEach((l, i) => out.push(marker(`${label} body line ${i + 1}`, l)));
  const decoded = Buffer.from(body.join(''), 'base64');
  out.push(marker(`${label} decoded tail`, decoded.subarray(decoded.length - 48)));
  return out;
}
