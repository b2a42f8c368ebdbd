import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SshPool } from '../../main/ssh/types';
import { openBatch, type BatchFixture } from '../integration/ssh-batch/fixture';
import { SimplePool, simpleResolver } from '../integration/ssh-batch/simple-pool';
import {
  closedPort,
  ensureLabUser,
  generateKeyPair,
  LAB_USER,
  startSilentServer,
  startSshd,
  writeKnownHosts,
  type LabSshd,
} from '../support/sshd-lab';
import { millis, ratio, type Row } from './table';

// One sshd per target, so every tool makes 50 logins: the pool's reuse of one
// connection per user@host:port must not flatter Opsroom's cold figure.
const sshdCount = 50;
const targets = 50;
const parallelism = 25;
const bigTargets = 1000;
const bigConcurrency = 50;
const bigTimeoutSec = 3;

interface Cmd {
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

function runCmd(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Cmd> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, ms: performance.now() - t0, stdout, stderr }));
  });
}

async function opsroomRun(f: BatchFixture, tag: string, concurrency: number, timeoutSec: number) {
  const t0 = performance.now();
  const run = f.service.run(
    { targets: { tags: [tag], ids: [] }, command: 'uname -a', concurrency, timeoutSec, confirmed: true },
    { actor: 'bench' },
  );
  const done = await f.service.wait(run.id);
  const ms = performance.now() - t0;
  const hosts = f.service.get({ runId: run.id }).hosts;
  return { ms, done, hosts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

/**
 * `uname -a` on 50 targets (one sshd each on 127.0.0.x), Opsroom
 * beside parallel-ssh and Ansible at the same parallelism; then 1,000 targets
 * with 10% dead (closed ports) or hanging (silent servers) against the
 * timeout bound, with the process RSS. `pool` is the connection pool to
 * measure (run.ts passes the product's, see ssh-batch-pool.ts); without it the
 * batch tests' one-connection-per-acquire SimplePool is used.
 */
export async function benchSshBatch(
  opts: { pool?: (keyPath: string, known: Map<string, string>) => SshPool } = {},
): Promise<Row[]> {
  const { home } = ensureLabUser();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-bench-batch-'));
  const key = generateKeyPair({ type: 'ed25519' });
  const servers: LabSshd[] = await Promise.all(
    Array.from({ length: sshdCount }, (_, i) =>
      startSshd({ authorizedKeys: [key.publicKey], listenAddress: `127.0.0.${10 + i}` }),
    ),
  );
  const silent = await Promise.all(Array.from({ length: 5 }, () => startSilentServer()));
  const known = new Map(servers.map((s) => [`${s.address}:${s.port}`, s.fingerprint]));
  const pool = opts.pool?.(key.path, known) ?? new SimplePool(key.path, known);
  const poolName = opts.pool ? 'connection pool' : 'SimplePool, the test pool';
  const f = openBatch({
    pool,
    resolver: (cmdb) => simpleResolver((id) => cmdb.cis.get(id), LAB_USER),
    keepEvents: false,
  });
  const rows: Row[] = [];
  try {
    for (let i = 0; i < targets; i++) {
      const s = servers[i % sshdCount]!;
      f.addCi({
        type: 'host',
        name: `b${String(i).padStart(2, '0')}`,
        tags: ['b50'],
        connection: { address: s.address, port: s.port },
      });
    }
    // ---- 50 targets, side by side
    await opsroomRun(f, 'b50', parallelism, 30); // warm-up (module loading, JIT)
    // Cold, like parallel-ssh and Ansible: every measured run starts with no
    // open connection, so handshakes and logins are inside the figure.
    const ops = [];
    for (let k = 0; k < 3; k++) {
      await pool.closeAll();
      ops.push(await opsroomRun(f, 'b50', parallelism, 30));
    }
    const opsMs = median(ops.map((o) => o.ms));
    const okAll = ops.every((o) => o.done.counts.ok === targets);
    // Warm: the pool keeps its connections between runs (the product's steady state).
    const warm = await opsroomRun(f, 'b50', parallelism, 30);
    const logins = new Set(servers.map((s) => `${s.address}:${s.port}`)).size;

    const kh = writeKnownHosts(path.join(tmp, 'known_hosts'), servers);
    const hostsFile = path.join(tmp, 'hosts');
    fs.writeFileSync(
      hostsFile,
      Array.from({ length: targets }, (_, i) => {
        const s = servers[i % sshdCount]!;
        return `${LAB_USER}@${s.address}:${s.port}`;
      }).join('\n') + '\n',
    );
    const pssh = await runCmd('parallel-ssh', [
      '-h',
      hostsFile,
      '-p',
      String(parallelism),
      '-t',
      '30',
      '-i',
      '-O',
      'StrictHostKeyChecking=yes',
      '-O',
      `UserKnownHostsFile=${kh}`,
      '-O',
      'GlobalKnownHostsFile=/dev/null',
      '-O',
      'BatchMode=yes',
      '-x',
      `-i ${key.path}`,
      'uname -a',
    ]);
    const psshOk = (pssh.stdout.match(/\[SUCCESS\]/g) ?? []).length;

    const inv = path.join(tmp, 'inventory.ini');
    fs.writeFileSync(
      inv,
      '[all]\n' +
        Array.from({ length: targets }, (_, i) => {
          const s = servers[i % sshdCount]!;
          return `b${i} ansible_host=${s.address} ansible_port=${s.port} ansible_user=${LAB_USER} ansible_ssh_private_key_file=${key.path} ansible_python_interpreter=/usr/bin/python3`;
        }).join('\n') +
        '\n',
    );
    fs.writeFileSync(path.join(tmp, 'ansible.cfg'), '[defaults]\n');
    const ansibleEnv = {
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      ANSIBLE_SSH_ARGS: `-o UserKnownHostsFile=${kh} -o GlobalKnownHostsFile=/dev/null -o ControlMaster=auto -o ControlPersist=60s`,
      ANSIBLE_CONTROL_PATH_DIR: path.join(tmp, 'cp'),
      ANSIBLE_LOCAL_TEMP: path.join(tmp, 'ansible-local'),
      ANSIBLE_REMOTE_TEMP: `${home}/.ansible/tmp`,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_FORKS: String(parallelism),
      ANSIBLE_CONFIG: path.join(tmp, 'ansible.cfg'),
    };
    const raw = await runCmd(
      'ansible',
      ['all', '-i', inv, '-f', String(parallelism), '-m', 'raw', '-a', 'uname -a'],
      ansibleEnv,
    );
    fs.rmSync(ansibleEnv.ANSIBLE_CONTROL_PATH_DIR, { recursive: true, force: true }); // no reuse from the raw run
    const command = await runCmd(
      'ansible',
      ['all', '-i', inv, '-f', String(parallelism), '-m', 'command', '-a', 'uname -a'],
      ansibleEnv,
    );
    const ansOk = (r: Cmd) => (r.stdout.match(/\| (CHANGED|SUCCESS)/g) ?? []).length;

    rows.push(
      {
        name: `Opsroom, ${targets} targets, parallelism ${parallelism}, cold (${poolName})`,
        value: millis(opsMs),
        vs:
          (okAll ? `${targets}/${targets} ok; median of 3` : 'NOT all ok') +
          (opts.pool ? `; ${logins} logins, shared by the ${targets} CIs (one connection per user@host:port)` : ''),
      },
      {
        name: `Opsroom, same, connections kept open from the run before (${poolName})`,
        value: millis(warm.ms),
        vs: `${warm.done.counts.ok}/${targets} ok; ${ratio(warm.ms, opsMs)} the cold run`,
      },
      {
        name: 'parallel-ssh, same hosts and parallelism',
        value: millis(pssh.ms),
        vs: `${psshOk}/${targets} ok; Opsroom ${ratio(opsMs, pssh.ms)} its time`,
      },
      {
        name: 'ansible -m raw',
        value: millis(raw.ms),
        vs: `${ansOk(raw)}/${targets} ok; Opsroom ${ratio(raw.ms, opsMs)} faster`,
      },
      {
        name: 'ansible -m command',
        value: millis(command.ms),
        vs: `${ansOk(command)}/${targets} ok; Opsroom ${ratio(command.ms, opsMs)} faster`,
      },
    );

    // ---- 1,000 targets, 10% dead or hanging
    const closed = await Promise.all(Array.from({ length: 5 }, () => closedPort()));
    let dead = 0;
    let hanging = 0;
    for (let i = 0; i < bigTargets; i++) {
      const name = `k${String(i).padStart(4, '0')}`;
      let address: string;
      let port: number;
      if (i % 20 === 7) {
        [address, port] = ['127.0.0.1', silent[hanging++ % silent.length]!.port];
      } else if (i % 20 === 13) {
        [address, port] = ['127.0.0.1', closed[dead++ % closed.length]!];
      } else {
        const s = servers[i % sshdCount]!;
        [address, port] = [s.address, s.port];
      }
      f.addCi({ type: 'host', name, tags: ['k1000'], connection: { address, port } });
    }
    await pool.closeAll();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const big = await opsroomRun(f, 'k1000', bigConcurrency, bigTimeoutSec);
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;
    // "typical" at this concurrency: 50 handshakes at once on a busy machine take longer than 25.
    const typicalBig = median(big.hosts.filter((h) => h.state === 'ok').map((h) => h.durationMs ?? 0));
    const bound = Math.ceil(bigTargets / bigConcurrency) * typicalBig + bigTimeoutSec * 1000;
    const c = big.done.counts;
    rows.push(
      {
        name: `Opsroom, ${bigTargets} targets (${dead} closed, ${hanging} silent), concurrency ${bigConcurrency}, timeout ${bigTimeoutSec} s`,
        value: millis(big.ms),
        vs: `bound ceil(${bigTargets}/${bigConcurrency})×${Math.round(typicalBig)} ms + ${bigTimeoutSec} s = ${millis(bound)} (${ratio(big.ms, bound)}); ok ${c.ok}, timed-out ${c['timed-out']}, unreachable ${c.unreachable}`,
      },
      {
        name: 'main-process RSS before → after the 1,000-target run',
        value: `${mib(rssBefore)} → ${mib(rssAfter)}`,
        vs: global.gc ? 'after gc()' : 'no --expose-gc',
      },
    );
    return rows;
  } finally {
    await f.close();
    await pool.closeAll();
    await Promise.all(silent.map((s) => s.stop()));
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
