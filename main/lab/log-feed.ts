import fs from 'node:fs';
import path from 'node:path';

export interface LogFeed {
  /** one file per host name, readable by the lab login user */
  files: Map<string, string>;
  /** appends the next line to every file now (the timer does this on its own) */
  tick(): void;
  stop(): void;
}

// A few realistic lines so the log view's level filter and search have something to find.
const messages: { level: string; text: string }[] = [
  { level: 'INFO', text: 'heartbeat: all services answering' },
  { level: 'INFO', text: 'request served in 12ms path=/health' },
  { level: 'INFO', text: 'cache hit ratio 0.93' },
  { level: 'WARN', text: 'slow request took 840ms path=/api/orders' },
  { level: 'INFO', text: 'heartbeat: all services answering' },
  { level: 'ERROR', text: 'upstream db refused the connection, retrying in 5s' },
];

/**
 * The lab's stand-in for an application log: every `intervalMs` each host's
 * file gets one timestamped line, so a file log source on that host always
 * has something new to pull.
 */
export function startLogFeed(dir: string, hosts: string[], intervalMs: number, now = () => Date.now()): LogFeed {
  const files = new Map(hosts.map((h) => [h, path.join(dir, `${h}.log`)] as const));
  let seq = 0;
  const tick = () => {
    const m = messages[seq % messages.length]!;
    seq++;
    const stamp = new Date(now()).toISOString();
    for (const [host, file] of files) fs.appendFileSync(file, `${stamp} ${m.level} ${host} #${seq} ${m.text}\n`);
  };
  for (const file of files.values()) fs.writeFileSync(file, '', { mode: 0o644 });
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { files, tick, stop: () => clearInterval(timer) };
}
