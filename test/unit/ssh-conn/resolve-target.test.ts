import { describe, expect, it } from 'vitest';
import type { Ci } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import { CmdbTargetResolver } from '../../../main/ssh/resolve-target';

function ci(id: string, type: string, conn: Partial<NonNullable<Ci['connection']>> | null): Ci {
  return {
    id,
    type,
    name: id,
    description: '',
    ownerTeam: null,
    ownerPerson: null,
    environment: null,
    status: 'active',
    criticality: null,
    tags: [],
    fields: {},
    createdAt: 0,
    updatedAt: 0,
    version: 1,
    connection: conn && { address: null, port: null, user: null, credentialId: null, jumpHostId: null, ...conn },
  };
}

function resolver(cis: Ci[], agent?: string) {
  const by = new Map(cis.map((c) => [c.id, c]));
  const secrets = new Map([
    ['k', { name: 'deploy-key', kind: 'ssh-key' }],
    ['p', { name: 'pw', kind: 'password' }],
    ['t', { name: 'tok', kind: 'token' }],
  ]);
  return new CmdbTargetResolver({
    cmdb: {
      require: (id) =>
        by.get(id) ??
        (() => {
          throw new OpsError('not_found', 'no');
        })(),
    },
    vault: { describe: (id) => secrets.get(id) ?? null },
    agentSocket: () => agent,
    osUser: () => 'me',
  });
}

describe('CmdbTargetResolver', () => {
  it('resolves address, port, user and auth, with defaults', () => {
    const r = resolver([
      ci('web-01', 'host', { address: '10.0.0.5', credentialId: 'k' }),
      ci('db', 'vm', { address: 'db', port: 2222, user: 'ops', credentialId: 'p' }),
    ]);
    expect(r.resolve('web-01')).toEqual({
      target: {
        ciId: 'web-01',
        name: 'web-01',
        host: '10.0.0.5',
        port: 22,
        user: 'me',
        auth: { kind: 'key', secretId: 'k' },
      },
      jumps: [],
    });
    expect(r.resolve('db').target).toMatchObject({
      port: 2222,
      user: 'ops',
      auth: { kind: 'password', secretId: 'p' },
    });
  });

  it('uses the agent only when SSH_AUTH_SOCK is set, and explains otherwise', () => {
    const cis = [ci('web-01', 'host', { address: 'a' })];
    expect(resolver(cis, '/tmp/agent').resolve('web-01').target.auth).toEqual({ kind: 'agent' });
    expect(() => resolver(cis).resolve('web-01')).toThrow(/web-01 has no credential and no ssh-agent/);
  });

  it('refuses non-hosts, missing addresses and non-SSH secrets with the CI named', () => {
    const r = resolver([
      ci('svc', 'service', null),
      ci('web-01', 'host', null),
      ci('x', 'host', { address: 'x', credentialId: 't' }),
    ]);
    expect(() => r.resolve('svc')).toThrow(/only host, vm and network-device/);
    expect(() => r.resolve('web-01')).toThrow('web-01 has no address: set one on its CI page');
    expect(() => r.resolve('x')).toThrow(/is a token/);
  });

  it('follows the jump chain outermost first, stops at loops and at 8 hops', () => {
    const r = resolver([
      ci('t', 'host', { address: 't', credentialId: 'k', jumpHostId: 'b' }),
      ci('b', 'host', { address: 'b', credentialId: 'k', jumpHostId: 'a' }),
      ci('a', 'host', { address: 'a', credentialId: 'k' }),
    ]);
    expect(r.resolve('t').jumps.map((j) => j.ciId)).toEqual(['a', 'b']);
    const loop = resolver([
      ci('t', 'host', { address: 't', credentialId: 'k', jumpHostId: 'b' }),
      ci('b', 'host', { address: 'b', credentialId: 'k', jumpHostId: 't' }),
    ]);
    expect(() => loop.resolve('t')).toThrow(/loops back/);
    const long = Array.from({ length: 11 }, (_, i) =>
      ci(`h${i}`, 'host', { address: `h${i}`, credentialId: 'k', jumpHostId: i < 10 ? `h${i + 1}` : null }),
    );
    expect(() => resolver(long).resolve('h0')).toThrow(/longer than 8 hops/);
  });
});
