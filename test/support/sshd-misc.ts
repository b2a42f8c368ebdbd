import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../main/lab/ports';
import { killTree, trackDir, trackPid, untrackPid } from './sshd-registry';

export { freePort };

/** For "connection refused" tests. */
export const closedPort = freePort;

export interface SilentServer {
  port: number;
  address: string;
  /** Connections accepted so far. */
  accepted(): number;
  stop(): Promise<void>;
}

/** Accepts TCP and never says a word: the SSH handshake never starts (timeout tests). */
export function startSilentServer(address = '127.0.0.1'): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const srv = net.createServer((s) => {
    count++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, address, () => {
      const { port } = srv.address() as net.AddressInfo;
      resolve({
        port,
        address,
        accepted: () => count,
        stop: () =>
          new Promise<void>((res) => {
            for (const s of sockets) s.destroy();
            srv.close(() => res());
          }),
      });
    });
  });
}

export interface LabAgent {
  sock: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A real ssh-agent on its own socket with the given keys added. Passphrases
 * go through SSH_ASKPASS (forced), since there is no terminal to prompt on.
 */
export async function startAgent(keys: Array<string | { path: string; passphrase?: string }>): Promise<LabAgent> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-agent-'));
  trackDir(dir);
  const sock = path.join(dir, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  const pid = child.pid!;
  trackPid(pid);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('exit', () => untrackPid(pid));
  for (let i = 0; !fs.existsSync(sock); i++) {
    if (i > 100) throw new Error('ssh-agent did not create its socket in 5 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const askpass = path.join(dir, 'askpass.sh');
  fs.writeFileSync(askpass, '#!/bin/sh\nprintf "%s\\n" "$OPSROOM_LAB_PASSPHRASE"\n', { mode: 0o700 });
  for (const k of keys) {
    const key = typeof k === 'string' ? { path: k } : k;
    execFileSync('ssh-add', ['-q', key.path], {
      env: {
        ...process.env,
        SSH_AUTH_SOCK: sock,
        SSH_ASKPASS: askpass,
        SSH_ASKPASS_REQUIRE: 'force',
        DISPLAY: process.env.DISPLAY ?? ':0',
        OPSROOM_LAB_PASSPHRASE: key.passphrase ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  return {
    sock,
    pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killTree(pid, 'SIGTERM');
      await exited;
    },
  };
}
