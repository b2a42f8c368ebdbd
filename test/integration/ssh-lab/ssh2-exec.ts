import ssh2 from 'ssh2';

/** One command over the ssh2 library (for auth methods the batch-mode ssh client cannot do). */
export function ssh2Exec(
  config: ssh2.ConnectConfig,
  command: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const conn = new ssh2.Client();
    conn.on('error', (e) => reject(e));
    conn.on('ready', () => {
      conn.exec(command, (err, stream) => {
        if (err) return reject(err);
        let stdout = '';
        let stderr = '';
        stream.on('data', (d: Buffer) => (stdout += d.toString()));
        stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        stream.on('close', (code: number | null) => {
          conn.end();
          resolve({ code, stdout, stderr });
        });
      });
    });
    conn.connect({ readyTimeout: 10_000, ...config });
  });
}
