import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeKnownHosts } from '../../main/ssh/known-hosts/serializer';
import { hostString } from '../../main/ssh/known-hosts/matcher';
import { trackDir } from './sshd-registry';

/**
 * Writes a known_hosts file for lab servers with Opsroom's own serializer, so
 * every real `ssh -o StrictHostKeyChecking=yes` login also checks that output.
 */
export function writeKnownHosts(
  file: string,
  servers: { address: string; port: number; hostPublicKey: string }[],
  opts: { hash?: boolean } = {},
): string {
  const entries = servers.map((s) => {
    const [keyType, keyBase64] = s.hostPublicKey.split(' ');
    return { marker: null, hosts: [{ pattern: hostString(s.address, s.port), negated: false }], keyType, keyBase64 };
  });
  fs.writeFileSync(file, serializeKnownHosts(entries, opts));
  return file;
}

/**
 * A client config (for `ssh -F`): options given with -o are not passed on to
 * the ProxyJump hop's ssh, but -F is, so strict checking covers every hop.
 */
export function sshClientArgs(opts: { identityFile?: string; knownHostsFile: string; extra?: string[] }): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-sshcfg-'));
  trackDir(dir);
  const cfg = path.join(dir, 'ssh_config');
  // ssh takes the first value it reads for an option, so the caller's come first.
  const lines = [
    'Host *',
    ...(opts.extra ?? []).map((l) => '  ' + l),
    '  BatchMode yes',
    `  UserKnownHostsFile ${opts.knownHostsFile}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  CheckHostIP no',
    '  ConnectTimeout 30', // 2 shared cores: 100 parallel handshakes can take a while to get a banner
    '  LogLevel ERROR',
    ...(opts.identityFile ? [`  IdentityFile ${opts.identityFile}`, '  IdentitiesOnly yes'] : []),
  ];
  fs.writeFileSync(cfg, lines.join('\n') + '\n');
  return ['-F', cfg];
}

export interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the real OpenSSH client. */
export function runSsh(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<SshResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn('ssh', args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}
