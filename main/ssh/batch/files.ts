import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import { OpsError } from '../../../shared/api/errors';
import { shellQuote } from '../quote';
import type { HostOp, OpResult } from './host-run';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const done = (sha: string, stdout = ''): OpResult => ({
  state: 'ok',
  exitCode: 0,
  signal: null,
  stdout,
  stderr: '',
  truncated: false,
  sha256: sha,
  error: null,
});

const failed = (error: string, sha: string | null = null, exitCode: number | null = null, stderr = ''): OpResult => ({
  state: 'failed',
  exitCode,
  signal: null,
  stdout: '',
  stderr,
  truncated: false,
  sha256: sha,
  error,
});

/** An SFTP session that is closed when the host's signal aborts (so a stuck transfer cannot outlive its deadline). */
async function withSftp<T>(
  lease: Parameters<HostOp>[0],
  signal: AbortSignal,
  fn: (s: SFTPWrapper) => Promise<T>,
): Promise<T> {
  const sftp = await lease.sftp();
  const close = () => {
    try {
      sftp.end();
    } catch {
      // already closed
    }
  };
  signal.addEventListener('abort', close, { once: true });
  try {
    return await fn(sftp);
  } finally {
    signal.removeEventListener('abort', close);
    close();
  }
}

const call = (fn: (cb: (err?: Error | null) => void) => void) =>
  new Promise<void>((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));

/**
 * Push: write the bytes over SFTP, set the mode (SFTP's open mode only applies
 * to new files), then ask the host itself for the sha256 of what landed —
 * a check of the file on disk, not of the transfer.
 */
export function pushOp(content: Buffer, mode: number): HostOp {
  const expected = sha256(content);
  return async (lease, host, remotePath, io) => {
    try {
      await withSftp(lease, io.signal, async (sftp) => {
        await call((cb) => sftp.writeFile(remotePath, content, { mode }, cb));
        await call((cb) => sftp.chmod(remotePath, mode, cb));
      });
    } catch (e) {
      if (io.signal.aborted) throw e;
      return failed(`Could not write ${remotePath} on ${host.ci.name}: ${(e as Error).message}.`);
    }
    const r = await lease.exec(`sha256sum -- ${shellQuote(remotePath)}`, {
      signal: io.signal,
      timeoutMs: io.timeoutMs,
      maxOutputBytes: 64 * 1024,
    });
    const remote = /^([0-9a-f]{64})\b/.exec(r.stdout)?.[1] ?? null;
    if (r.exitCode !== 0 || !remote) {
      return failed(
        `The file was written but sha256sum on ${host.ci.name} failed (exit ${r.exitCode ?? r.signal}); it is not verified.`,
        null,
        r.exitCode,
        r.stderr,
      );
    }
    if (remote !== expected) {
      return failed(
        `The file on ${host.ci.name} has sha256 ${remote}, not ${expected}: it changed on the way or was written to meanwhile.`,
        remote,
        r.exitCode,
      );
    }
    return done(remote, `${remotePath} (${content.length} bytes)`);
  };
}

/** Fetch: stream the remote file into `dest` (a path the service made safe), hashing as it goes. */
export function fetchOp(remotePath: string): HostOp {
  return async (lease, host, dest, io) => {
    const part = `${dest}.part`;
    try {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      await withSftp(lease, io.signal, (sftp) =>
        pipeline(
          sftp.createReadStream(remotePath),
          new Transform({
            transform(chunk: Buffer, _enc, cb) {
              hash.update(chunk);
              bytes += chunk.length;
              cb(null, chunk);
            },
          }),
          fs.createWriteStream(part, { mode: 0o600 }),
          { signal: io.signal },
        ),
      );
      fs.renameSync(part, dest);
      return done(hash.digest('hex'), `${dest} (${bytes} bytes)`);
    } catch (e) {
      fs.rmSync(part, { force: true });
      if (io.signal.aborted) throw e;
      return failed(`Could not fetch ${remotePath} from ${host.ci.name}: ${(e as Error).message}.`);
    }
  };
}

/**
 * One folder per host under localDir, named after the CI but only from safe
 * characters, so no name (`../../etc`, `/`, `a/b`) can reach outside it.
 * Names that collide after cleaning get the CI id's start appended.
 */
export function fetchDestinations(
  localDir: string,
  remotePath: string,
  cis: readonly { id: string; name: string }[],
): string[] {
  const root = path.resolve(localDir);
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    throw new OpsError('bad_input', `The folder ${root} does not exist; create it first or pick another.`, {
      localDir: root,
    });
  }
  if (!st.isDirectory()) throw new OpsError('bad_input', `${root} is not a folder; pick a folder to fetch into.`);
  const base = safeSegment(path.posix.basename(remotePath.replace(/\/+$/, ''))) || 'file';
  const seen = new Map<string, number>();
  const names = cis.map((c) => safeSegment(c.name) || 'host');
  for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  return cis.map((c, i) => {
    const n = names[i]!;
    const dir = seen.get(n)! > 1 ? `${n}-${safeSegment(c.id).slice(0, 12)}` : n;
    const dest = path.join(root, dir, base);
    if (!dest.startsWith(root + path.sep)) throw new OpsError('internal', `unsafe fetch destination ${dest}`);
    return dest;
  });
}

function safeSegment(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
  return /^\.+$/.test(cleaned) ? cleaned.replace(/\./g, '_') : cleaned;
}
