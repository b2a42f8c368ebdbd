import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fingerprintOfFile, writeKey, type LabKeyType } from './keys';
import { freePort } from './ports';
import { killTree, run, trackDir, trackPid, untrackPid } from './registry';
import { labLoginUser } from './user';

export interface SshdOptions {
  /** 0 or absent: pick a free port. */
  port?: number;
  hostKeyType?: LabKeyType;
  /** Reuse an existing private host key (e.g. to come back with the same identity). */
  hostKeyPath?: string;
  /** Public key lines accepted for the lab user. */
  authorizedKeys: string[];
  passwordAuth?: boolean;
  listenAddress?: string;
  /** Run inside this network namespace (see createNetnsPair). */
  netns?: string;
  /** Appended last, so Match blocks work. */
  extraConfig?: string[];
  /** The one user allowed in; default: the lab login user (see labLoginUser). */
  user?: string;
}

export interface LabSshd {
  port: number;
  address: string;
  user: string;
  hostKeyPath: string;
  /** "type base64" as the server presents it. */
  hostPublicKey: string;
  /** SHA256:… from ssh-keygen -lf. */
  fingerprint: string;
  dir: string;
  configPath: string;
  logPath: string;
  authorizedKeysPath: string;
  pid: number;
  /** The sshd log so far (LogLevel VERBOSE). */
  log(): string;
  stop(): Promise<void>;
  /** Stops and starts again on the same address and port; `newHostKey` plays the MITM. */
  restart(opts?: { newHostKey?: boolean }): Promise<LabSshd>;
}

const SSHD = '/usr/sbin/sshd';
const START_TIMEOUT_MS = 15_000;
let keySeq = 0;

/**
 * Starts a real OpenSSH server with its own config, host key, authorized keys
 * and log, letting in one user (the dedicated lab user as root, else the
 * current user). Resolves once the port accepts TCP and sends an SSH banner.
 * Each server: UsePAM no, StrictModes no (its files live under /tmp),
 * MaxStartups 200, MaxSessions 50, LogLevel VERBOSE (log()), internal-sftp.
 */
export async function startSshd(opts: SshdOptions): Promise<LabSshd> {
  const user = opts.user ?? labLoginUser().name;
  // Only a root sshd separates privileges, and it needs this directory to chroot into.
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-sshd-'));
  trackDir(dir);
  fs.chmodSync(dir, 0o755); // the lab user reads authorized_keys from here
  const server = new Server(dir, opts, user);
  await server.start();
  return server;
}

class Server implements LabSshd {
  port = 0;
  address: string;
  hostKeyPath: string;
  hostPublicKey = '';
  fingerprint = '';
  configPath: string;
  logPath: string;
  authorizedKeysPath: string;
  pid = 0;
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(
    readonly dir: string,
    private readonly opts: SshdOptions,
    readonly user: string,
  ) {
    this.address = opts.listenAddress ?? '127.0.0.1';
    this.configPath = path.join(dir, 'sshd_config');
    this.logPath = path.join(dir, 'sshd.log');
    this.authorizedKeysPath = path.join(dir, 'authorized_keys');
    fs.writeFileSync(this.authorizedKeysPath, opts.authorizedKeys.map((k) => k.trim() + '\n').join(''), {
      mode: 0o644,
    });
    this.hostKeyPath = opts.hostKeyPath ?? this.newHostKey();
  }

  log(): string {
    return fs.existsSync(this.logPath) ? fs.readFileSync(this.logPath, 'utf8') : '';
  }

  async start(): Promise<void> {
    const pub = run('ssh-keygen', ['-y', '-f', this.hostKeyPath]).trim();
    this.hostPublicKey = pub.split(/\s+/).slice(0, 2).join(' ');
    const pubFile = path.join(this.dir, 'host_key_current.pub');
    fs.writeFileSync(pubFile, pub + '\n');
    this.fingerprint = fingerprintOfFile(pubFile);
    const fixed = this.port || this.opts.port;
    for (let attempt = 0; ; attempt++) {
      this.port = fixed || (await freePort(this.opts.netns ? '127.0.0.1' : this.address));
      try {
        await this.spawnOnce();
        return;
      } catch (e) {
        // A picked port can be taken between picking and binding: pick again.
        const busy = /Address already in use|Cannot bind/.test(String(e));
        if (fixed || !busy || attempt >= 4) throw e;
      }
    }
  }

  private writeConfig(): void {
    const lines = [
      `Port ${this.port}`,
      `ListenAddress ${this.address}`,
      `HostKey ${this.hostKeyPath}`,
      `PidFile ${path.join(this.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${this.authorizedKeysPath}`,
      'UsePAM no',
      'StrictModes no', // keys and config live under /tmp
      `PasswordAuthentication ${this.opts.passwordAuth ? 'yes' : 'no'}`,
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin no',
      `AllowUsers ${this.user}`,
      'MaxStartups 200', // the default 10:30:100 drops concurrent handshakes
      'MaxSessions 50',
      'MaxAuthTries 10',
      'LogLevel VERBOSE',
      'UseDNS no',
      'PrintMotd no',
      'PrintLastLog no',
      'X11Forwarding no',
      'AllowTcpForwarding yes',
      'Subsystem sftp internal-sftp',
      ...(this.opts.extraConfig ?? []),
    ];
    fs.writeFileSync(this.configPath, lines.join('\n') + '\n');
  }

  private async spawnOnce(): Promise<void> {
    this.writeConfig();
    const argv = [SSHD, '-D', '-e', '-f', this.configPath];
    const [cmd, ...args] = this.opts.netns ? ['ip', 'netns', 'exec', this.opts.netns, ...argv] : argv;
    const logStream = fs.createWriteStream(this.logPath, { flags: 'a' });
    // `ip netns exec` execs sshd in place, so the pid is sshd's either way.
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    this.pid = child.pid!;
    trackPid(this.pid);
    let stderr = '';
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr!.pipe(logStream);
    const listening = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`sshd did not listen within ${START_TIMEOUT_MS} ms:\n${stderr}`)),
        START_TIMEOUT_MS,
      );
      const onData = (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes(`Server listening on ${this.address} port ${this.port}`)) {
          clearTimeout(timer);
          // The log file keeps everything; holding a copy for a long bench run would only grow.
          child.stderr!.off('data', onData);
          resolve();
        }
      };
      child.stderr!.on('data', onData);
      child.once('exit', (code, sig) => {
        clearTimeout(timer);
        reject(new Error(`sshd exited (${code ?? sig}) before listening:\n${stderr}`));
      });
    });
    child.once('exit', () => untrackPid(child.pid!));
    try {
      await listening;
      await this.waitForBanner();
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  private async waitForBanner(): Promise<void> {
    if (this.opts.netns) {
      // Node cannot enter a namespace: read the banner with bash's /dev/tcp from inside it.
      const script = `exec 3<>/dev/tcp/${this.address}/${this.port}; head -c 8 <&3`;
      const out = await new Promise<string>((resolve, reject) =>
        execFile('ip', ['netns', 'exec', this.opts.netns!, 'timeout', '5', 'bash', '-c', script], (err, so) =>
          err ? reject(err) : resolve(so),
        ),
      );
      if (!out.startsWith('SSH-2.0-')) throw new Error(`no SSH banner from ${this.address}:${this.port}: ${out}`);
      return;
    }
    await readBanner(this.address, this.port, 5_000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // Per-connection sshd processes call setsid(), so a process-group kill would miss them.
    killTree(this.pid, 'SIGTERM');
    const timer = setTimeout(() => killTree(this.pid, 'SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(timer);
  }

  async restart(opts: { newHostKey?: boolean } = {}): Promise<LabSshd> {
    await this.stop();
    if (opts.newHostKey) this.hostKeyPath = this.newHostKey();
    await this.start();
    return this;
  }

  private newHostKey(): string {
    const file = path.join(this.dir, `host_key_${++keySeq}`);
    writeKey(file, this.opts.hostKeyType ?? 'ed25519', '', 'opsroom-lab-host');
    return file;
  }
}

/** Connects and reads the server's identification line. */
export function readBanner(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    let buf = '';
    const done = (err?: Error) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(buf.split('\r\n')[0]);
    };
    const timer = setTimeout(() => done(new Error(`no SSH banner from ${host}:${port} in ${timeoutMs} ms`)), timeoutMs);
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      if (buf.includes('\n')) done(buf.startsWith('SSH-2.0-') ? undefined : new Error(`not an SSH banner: ${buf}`));
    });
    sock.on('error', done);
  });
}
