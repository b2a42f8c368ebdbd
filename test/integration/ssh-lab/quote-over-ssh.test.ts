import fc from 'fast-check';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommand } from '../../../main/ssh/quote';
import { generateKeyPair, startSshd, type LabSshd } from '../../support/sshd-lab';

// sshd hands the command string to the lab user's login shell (bash -c), so
// this is the path a batch run's command really takes.
let server: LabSshd;
let conn: ssh2.Client;

beforeAll(async () => {
  const key = generateKeyPair({ type: 'ed25519' });
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  conn = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    conn.once('ready', () => resolve());
    conn.once('error', reject);
    conn.connect({ host: server.address, port: server.port, username: server.user, privateKey: key.privateKey });
  });
});
afterAll(async () => {
  conn?.end();
  await server?.stop();
});

function exec(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    conn.exec(command, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.stderr.on('data', () => {});
      stream.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

describe('rendered commands over a real sshd', () => {
  it('CI names and fields full of shell syntax arrive as data', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('$(touch /tmp/pwned)', '`id`', "'; id; '", 'a\nid', '${IFS}id', '|id', '&id&', '"$(id)"'),
    );
    await fc.assert(
      fc.asyncProperty(
        hostile.filter((v) => !v.includes('\0')),
        hostile.filter((v) => !v.includes('\0')),
        async (name, rack) => {
          const cmd = renderCommand("printf '%s|%s' {{ci.name}} {{ci.fields.rack}}", {
            'ci.name': name,
            'ci.fields.rack': rack,
          });
          expect(await exec(cmd)).toBe(`${name}|${rack}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});
