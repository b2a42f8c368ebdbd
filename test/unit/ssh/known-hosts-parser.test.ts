import { describe, expect, it } from 'vitest';
import { parseKnownHosts } from '../../../main/ssh/known-hosts/parser';
import { ECDSA, ECDSA_FP, ED25519, ED25519_FP, HASHED_DB_2222, HASHED_EXAMPLE_COM } from './fixtures';

describe('parseKnownHosts', () => {
  it('reads plain host lists, [host]:port, negations, wildcards and comments', () => {
    const text = [
      '# a comment',
      '',
      `web1,web1.example.com,10.0.0.1 ssh-ed25519 ${ED25519} ops@laptop  two  words `,
      `[db.example.com]:2222,!bad.example.com,*.example.com ecdsa-sha2-nistp256 ${ECDSA}`,
      '   \t  ',
    ].join('\r\n');
    const r = parseKnownHosts(text);
    expect(r.errors).toEqual([]);
    expect(r.unsupported).toEqual([]);
    expect(r.entries).toEqual([
      {
        line: 3,
        marker: null,
        hosts: [
          { pattern: 'web1', negated: false },
          { pattern: 'web1.example.com', negated: false },
          { pattern: '10.0.0.1', negated: false },
        ],
        keyType: 'ssh-ed25519',
        keyBase64: ED25519,
        fingerprint: ED25519_FP,
        comment: 'ops@laptop  two  words',
      },
      {
        line: 4,
        marker: null,
        hosts: [
          { pattern: '[db.example.com]:2222', negated: false },
          { pattern: 'bad.example.com', negated: true },
          { pattern: '*.example.com', negated: false },
        ],
        keyType: 'ecdsa-sha2-nistp256',
        keyBase64: ECDSA,
        fingerprint: ECDSA_FP,
        comment: '',
      },
    ]);
  });

  it('reads hashed entries written by ssh-keygen -H', () => {
    const r = parseKnownHosts(
      `${HASHED_EXAMPLE_COM} ssh-ed25519 ${ED25519}\n${HASHED_DB_2222}\tecdsa-sha2-nistp256\t${ECDSA}\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.entries).toHaveLength(2);
    const h = r.entries[0].hosts as { hashed: { salt: Buffer; hash: Buffer } };
    expect(h.hashed.salt.toString('base64')).toBe('badTLiVmci/AXcYTcIjP8Lu3CXg=');
    expect(h.hashed.hash).toHaveLength(20);
  });

  it('keeps @revoked, reports @cert-authority as unsupported with its line', () => {
    const r = parseKnownHosts(
      `@revoked * ssh-ed25519 ${ED25519}\n@cert-authority *.example.com ecdsa-sha2-nistp256 ${ECDSA} ca\n`,
    );
    expect(r.entries.map((e) => [e.line, e.marker])).toEqual([[1, 'revoked']]);
    expect(r.unsupported).toEqual([{ line: 2, message: expect.stringMatching(/cert-authority.*not supported/) }]);
    expect(r.errors).toEqual([]);
  });

  it.each([
    ['only a host', 'host', /expected host patterns/],
    ['unknown marker', `@trusted host ssh-ed25519 ${ED25519}`, /unknown marker/],
    ['unknown key type', `host ssh-foo ${ED25519}`, /unknown key type "ssh-foo"/],
    ['SSH-1 key', 'host 1024 35 12345678901234567890', /protocol 1/],
    ['bad base64', 'host ssh-ed25519 AAAA!!!!', /not valid base64/],
    [
      'non-canonical base64',
      'host ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG3Yt26Niw1oHHieirmsZ57WEQlp/khPS32SEcW+hDgH=',
      /base64/,
    ],
    ['type mismatch', `host ssh-rsa ${ED25519}`, /says it is "ssh-ed25519" but the line says "ssh-rsa"/],
    ['truncated blob', 'host ssh-ed25519 AAAAC3Nz', /says it is "unreadable"/],
    ['empty pattern', `a,,b ssh-ed25519 ${ED25519}`, /empty host pattern/],
    ['bare !', `! ssh-ed25519 ${ED25519}`, /empty host pattern/],
    ['bad bracket', `[host:22 ssh-ed25519 ${ED25519}`, /\[host\]:port/],
    ['bad hashed salt', `|1|abc|def ssh-ed25519 ${ED25519}`, /salt/],
    ['hashed with a list', `${HASHED_EXAMPLE_COM},other ssh-ed25519 ${ED25519}`, /hash/],
    ['|2| hash', `|2|abc|def ssh-ed25519 ${ED25519}`, /only \|1\|/],
  ])('reports %s as a line error, not a crash', (_name, line, message) => {
    const r = parseKnownHosts(`# header\n${line}\nok ssh-ed25519 ${ED25519}\n`);
    expect(r.errors).toEqual([{ line: 2, message: expect.stringMatching(message) }]);
    expect(r.entries.map((e) => e.line)).toEqual([3]);
  });

  it('accepts every OpenSSH host key type name', () => {
    const types = [
      'ssh-rsa',
      'ssh-dss',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp521',
      'sk-ssh-ed25519@openssh.com',
      'sk-ecdsa-sha2-nistp256@openssh.com',
    ];
    const lines = types.map((t) => {
      const name = Buffer.from(t);
      const blob = Buffer.concat([Buffer.from([0, 0, 0, name.length]), name, Buffer.from('body')]);
      return `h ${t} ${blob.toString('base64')}`;
    });
    const r = parseKnownHosts(lines.join('\n'));
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => e.keyType)).toEqual(types);
  });
});
