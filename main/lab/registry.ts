import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// Everything the lab starts (sshd, Prometheus, node_exporter, agents, temp
// dirs, network namespaces) is registered here, so a crashed command or a
// forgetful test still leaves nothing behind when its process exits: the
// 'exit' hook runs synchronously (only sync calls work there). A process killed
// by a signal it does not handle runs no hook, so `opsroom lab` handles
// SIGINT/SIGTERM itself.

const pids = new Set<number>();
const dirs = new Set<string>();
const cleanups = new Set<() => void>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const pid of pids) killTree(pid, 'SIGKILL');
    for (const fn of cleanups) {
      try {
        fn();
      } catch {
        // best effort at exit: keep cleaning the rest
      }
    }
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
}

export function trackPid(pid: number): void {
  hook();
  pids.add(pid);
}
export function untrackPid(pid: number): void {
  pids.delete(pid);
}
export function trackDir(dir: string): void {
  hook();
  dirs.add(dir);
}
/** Registers a synchronous cleanup to run at exit; returns its unregister. */
export function trackCleanup(fn: () => void): () => void {
  hook();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Direct children of each pid, from /proc (sshd forks one process per connection). */
function childrenMap(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid ..." — comm may hold spaces and parens, so parse after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = map.get(ppid) ?? [];
    list.push(Number(name));
    map.set(ppid, list);
  }
  return map;
}

export function descendants(pid: number): number[] {
  const map = childrenMap();
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const c of map.get(p) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** Signals a process and all its descendants (children first are collected before the parent dies). */
export function killTree(pid: number, signal: NodeJS.Signals): number[] {
  const all = [pid, ...descendants(pid)];
  for (const p of all) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
  return all;
}

/** Running (a zombie waiting for init to reap it counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export function run(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}
