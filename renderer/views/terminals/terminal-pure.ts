/** Terminal data arrives base64-encoded (it is bytes, not text: a UTF-8 sequence may be split). */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface BroadcastTab {
  key: string;
  sessionId: string | null;
  state: 'connecting' | 'open' | 'closed';
  receiveBroadcast: boolean;
}

/** The contract takes at most 100 ids per write. */
export const maxBroadcast = 100;

/**
 * Where a keystroke typed in `source` goes. Without broadcast: the source alone.
 * With it: the source plus every open tab that opted in to receive broadcast input,
 * each once, the source first.
 */
export function writeTargets(tabs: readonly BroadcastTab[], sourceKey: string, broadcast: boolean): string[] {
  const source = tabs.find((t) => t.key === sourceKey);
  const ids: string[] = [];
  if (source?.sessionId && source.state !== 'closed') ids.push(source.sessionId);
  if (!broadcast) return ids;
  for (const t of tabs) {
    if (ids.length >= maxBroadcast) break;
    if (!t.receiveBroadcast || !t.sessionId || t.state === 'closed') continue;
    if (!ids.includes(t.sessionId)) ids.push(t.sessionId);
  }
  return ids;
}

/** The tab's label: the host, and why it ended when it did. */
export function tabLabel(title: string, state: BroadcastTab['state'], reason: string | null): string {
  if (state === 'connecting') return `${title} (connecting…)`;
  if (state === 'closed') return `${title} — connection closed${reason ? `: ${reason}` : ''}`;
  return title;
}

/** Appends to a hidden terminal's pending writes; past the cap the caller writes through. */
export function bufferedBytes(chunks: readonly Uint8Array[]): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}
