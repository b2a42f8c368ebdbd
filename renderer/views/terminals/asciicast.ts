/** asciicast v2 (https://docs.asciinema.org, format only): a JSON header line, then [time, code, data] lines. */
export interface CastHeader {
  width: number;
  height: number;
  timestamp?: number;
  title?: string;
}
export interface CastEvent {
  /** seconds since the start */
  time: number;
  data: string;
}
export interface Cast {
  header: CastHeader;
  events: CastEvent[];
  /** lines that could not be read, by 1-based line number */
  bad: number[];
  duration: number;
}

export function parseAsciicast(text: string): Cast {
  const lines = text.split('\n');
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new Error('This recording is not asciicast v2: the first line is not a JSON header.');
  }
  const h = header as Record<string, unknown>;
  if (!h || typeof h !== 'object' || h.version !== 2)
    throw new Error('This recording is not asciicast v2 (its header has no "version": 2).');
  const events: CastEvent[] = [];
  const bad: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    try {
      const e = JSON.parse(line) as unknown;
      if (!Array.isArray(e) || typeof e[0] !== 'number' || typeof e[1] !== 'string' || typeof e[2] !== 'string')
        throw new Error('shape');
      // Only output is replayed; input ('i') and markers are not drawn.
      if (e[1] === 'o') events.push({ time: Math.max(0, e[0]), data: e[2] });
    } catch {
      bad.push(i + 1);
    }
  }
  events.sort((a, b) => a.time - b.time);
  return {
    header: {
      width: typeof h.width === 'number' ? h.width : 80,
      height: typeof h.height === 'number' ? h.height : 24,
      timestamp: typeof h.timestamp === 'number' ? h.timestamp : undefined,
      title: typeof h.title === 'string' ? h.title : undefined,
    },
    events,
    bad,
    duration: events.length ? events[events.length - 1]!.time : 0,
  };
}

/**
 * When each event is drawn, in ms from the start of playback, at `speed`.
 * Idle gaps longer than `maxIdle` seconds are shortened: nobody wants to watch
 * ten minutes of a person reading a man page.
 */
export function playbackSchedule(events: readonly CastEvent[], speed: number, maxIdle = 2): number[] {
  const out: number[] = [];
  let prev = 0;
  let at = 0;
  for (const e of events) {
    const gap = Math.min(Math.max(0, e.time - prev), maxIdle);
    at += gap;
    prev = e.time;
    out.push((at * 1000) / speed);
  }
  return out;
}
