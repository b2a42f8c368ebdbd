import fs from 'node:fs';
import { isAlive, run, trackCleanup } from './sshd-registry';

export interface NetnsHost {
  /** Namespace name for `ip netns exec` / startSshd({ netns }). */
  ns: string;
  /** Address to give sshd's ListenAddress inside this namespace. */
  address: string;
}

export interface NetnsPair {
  /** Reachable from the host at a.address (the jump host). */
  a: NetnsHost;
  /** Reachable only from A, at b.address: the host has no route to it. */
  b: NetnsHost;
  /** The host's own address on the host–A link. */
  hostAddress: string;
  /** A's address on the A–B link. */
  aInnerAddress: string;
  cleanup(): void;
}

// Only 10.213.X.0/29 blocks inside namespaces we create (ENVIRONMENT.md): X is
// claimed with an exclusive file so parallel test processes never collide.
const CLAIM_DIR = '/run/opsroom-lab';
let seq = 0;

/**
 * Two network namespaces for a jump-host chain:
 *   host 10.213.X.1 ──veth── 10.213.X.2 A 10.213.X.5 ──veth── 10.213.X.6 B
 * The host gets an `unreachable` route for the A–B /30 so a direct attempt to
 * B fails at once instead of leaking towards the default gateway, and A does
 * not forward, so B is reachable only by an sshd in A (ssh -J).
 */
export function createNetnsPair(): NetnsPair {
  const x = claimSubnet();
  const tag = `${process.pid}-${++seq}`;
  const A = `opsroom-${tag}-a`;
  const B = `opsroom-${tag}-b`;
  const net = `10.213.${x}`;
  const hostIf = `orh${x}`;
  let done = false;
  const cleanup = () => {
    if (done) return;
    done = true;
    for (const ns of [A, B]) {
      try {
        for (const pid of run('ip', ['netns', 'pids', ns]).split(/\s+/).filter(Boolean))
          process.kill(Number(pid), 'SIGKILL');
      } catch {
        // namespace absent
      }
      tryRun(['netns', 'del', ns]); // deleting A removes the veth and its host end
    }
    tryRun(['link', 'del', hostIf]);
    tryRun(['route', 'del', 'unreachable', `${net}.4/30`]);
    fs.rmSync(`${CLAIM_DIR}/net-${x}`, { force: true });
    untrack();
  };
  const untrack = trackCleanup(cleanup);
  try {
    const ip = (...args: string[]) => run('ip', args);
    ip('netns', 'add', A);
    ip('netns', 'add', B);
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', `ora${x}`, 'netns', A);
    ip('addr', 'add', `${net}.1/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('-n', A, 'link', 'set', 'lo', 'up');
    ip('-n', A, 'addr', 'add', `${net}.2/30`, 'dev', `ora${x}`);
    ip('-n', A, 'link', 'set', `ora${x}`, 'up');
    ip('-n', A, 'link', 'add', `orab${x}`, 'type', 'veth', 'peer', 'name', `orb${x}`, 'netns', B);
    ip('-n', A, 'addr', 'add', `${net}.5/30`, 'dev', `orab${x}`);
    ip('-n', A, 'link', 'set', `orab${x}`, 'up');
    ip('-n', B, 'link', 'set', 'lo', 'up');
    ip('-n', B, 'addr', 'add', `${net}.6/30`, 'dev', `orb${x}`);
    ip('-n', B, 'link', 'set', `orb${x}`, 'up');
    tryRun(['route', 'del', 'unreachable', `${net}.4/30`]); // left by a killed earlier run
    ip('route', 'add', 'unreachable', `${net}.4/30`);
    run('ip', ['netns', 'exec', A, 'sysctl', '-qw', 'net.ipv4.ip_forward=0']);
  } catch (e) {
    cleanup();
    throw new Error(`cannot create network namespaces here: ${(e as { stderr?: string }).stderr ?? e}`, {
      cause: e,
    });
  }
  return {
    a: { ns: A, address: `${net}.2` },
    b: { ns: B, address: `${net}.6` },
    hostAddress: `${net}.1`,
    aInnerAddress: `${net}.5`,
    cleanup,
  };
}

/** Whether this machine lets us create namespaces (root + CAP_NET_ADMIN + iproute2). */
export function netnsAvailable(): { ok: true } | { ok: false; reason: string } {
  const probe = `opsroom-probe-${process.pid}`;
  try {
    run('ip', ['netns', 'add', probe]);
    run('ip', ['netns', 'del', probe]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: String((e as { stderr?: string }).stderr ?? e).trim() };
  }
}

function claimSubnet(): number {
  fs.mkdirSync(CLAIM_DIR, { recursive: true });
  const used = run('ip', ['-o', 'addr']);
  const start = 1 + (process.pid % 250);
  for (let i = 0; i < 250; i++) {
    const x = 1 + ((start + i) % 250);
    const file = `${CLAIM_DIR}/net-${x}`;
    if (used.includes(` 10.213.${x}.`)) continue;
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return x;
    } catch {
      const owner = Number(fs.readFileSync(file, 'utf8'));
      // A claim left by a dead process whose namespaces are gone can be taken over.
      if (!isAlive(owner)) {
        fs.rmSync(file, { force: true });
        try {
          fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
          return x;
        } catch {
          // someone else took it
        }
      }
    }
  }
  throw new Error('no free 10.213.X.0/29 block for a namespace pair');
}

function tryRun(args: string[]): void {
  try {
    run('ip', args);
  } catch {
    // already gone
  }
}
