export interface SplitResult {
  /** complete lines, without their \n or \r\n; blank lines left out */
  lines: string[];
  /** bytes of the input the lines account for: the next read starts here */
  consumed: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Splits newly read bytes of a log file into lines. A last line without its
 * newline is still being written: it is left for the next pull (`consumed`
 * stops before it) unless `final` says no more bytes will come (a rotated
 * file read to its end, or a chunk that is one line longer than a whole
 * read). Splitting the bytes before decoding keeps `consumed` exact even for
 * invalid UTF-8: a 0x0A byte is never part of a multi-byte sequence.
 */
export function splitLines(bytes: Uint8Array, final: boolean): SplitResult {
  const lastNl = bytes.lastIndexOf(0x0a);
  const consumed = final ? bytes.length : lastNl + 1;
  if (consumed === 0) return { lines: [], consumed: 0 };
  const text = utf8.decode(bytes.subarray(0, consumed));
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim()) lines.push(line);
  }
  return { lines, consumed };
}

/**
 * When a file is first read from mid-way (its last bytes only), the bytes
 * before the first newline belong to a line whose start was not read: they
 * are skipped (all of them when there is no newline yet). Returns how many.
 */
export function skipPartialFirstLine(bytes: Uint8Array): number {
  const nl = bytes.indexOf(0x0a);
  return nl < 0 ? bytes.length : nl + 1;
}
