import type { HostOp } from './host-run';

/** Runs the host's rendered command; ok means exit code 0. */
export const commandOp: HostOp = async (lease, _host, command, io) => {
  const r = await lease.exec(command, {
    signal: io.signal,
    timeoutMs: io.timeoutMs,
    maxOutputBytes: io.maxOutputBytes,
    onStdout: io.onStdout,
    onStderr: io.onStderr,
  });
  const ok = r.exitCode === 0;
  return {
    state: ok ? 'ok' : 'failed',
    exitCode: r.exitCode,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    truncated: r.truncated,
    sha256: null,
    error: ok
      ? null
      : r.exitCode !== null
        ? `The command exited with code ${r.exitCode}.`
        : `The command was ended by signal ${r.signal ?? '(unknown)'}.`,
  };
};
