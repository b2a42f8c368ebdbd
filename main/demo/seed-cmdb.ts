import type { Ci, CiInput } from '../../shared/api/cmdb-model';
import type { CmdbService, WriteContext } from '../cmdb/service';

const sites = [
  { name: 'fra1', city: 'Frankfurt' },
  { name: 'ams2', city: 'Amsterdam' },
] as const;

/** Per environment: how many hosts of each role. */
const layout: Record<'prod' | 'staging', [role: string, count: number][]> = {
  prod: [
    ['web', 4],
    ['api', 3],
    ['db', 2],
    ['cache', 2],
    ['bastion', 1],
    ['backup', 1],
  ],
  staging: [
    ['web', 2],
    ['api', 2],
    ['db', 1],
    ['cache', 1],
    ['bastion', 1],
  ],
};

const teamOf: Record<string, string> = {
  web: 'storefront',
  api: 'checkout',
  db: 'data',
  cache: 'data',
  bastion: 'platform',
  backup: 'platform',
};
const personOf: Record<string, string> = { storefront: 'alice', checkout: 'bob', data: 'carol', platform: 'dave' };
const osOf: Record<string, string> = {
  web: 'debian-12',
  api: 'debian-12',
  db: 'rhel-9',
  cache: 'ubuntu-24.04',
  bastion: 'debian-12',
  backup: 'ubuntu-24.04',
};

function base(input: Partial<CiInput> & { type: string; name: string }): Parameters<CmdbService['create']>[0] {
  return {
    description: '',
    ownerTeam: null,
    ownerPerson: null,
    environment: null,
    status: 'active',
    criticality: null,
    tags: [],
    fields: {},
    connection: null,
    ...input,
  } as Parameters<CmdbService['create']>[0];
}

/**
 * A small, believable estate for the demo workspace: two sites, ~40 hosts
 * across prod and staging, the services and applications that run on them
 * (depends_on / runs_on chains), a backup repository per site backing up the
 * databases, and each site's prod bastion as the jump host of its prod hosts.
 * Written through the service, so every CI has its history like real data.
 */
export function seedCmdb(cmdb: CmdbService, ctx: WriteContext): { cis: number; relations: number } {
  cmdb.defineField({ key: 'rack', label: 'Rack', type: 'text', options: [], appliesTo: ['host'] });
  cmdb.defineField({
    key: 'os',
    label: 'Operating system',
    type: 'select',
    options: ['debian-12', 'ubuntu-24.04', 'rhel-9'],
    appliesTo: [],
  });
  let cis = 0;
  let relations = 0;
  const create = (input: Parameters<typeof base>[0]): Ci => {
    cis++;
    return cmdb.create(base(input), ctx);
  };
  const relate = (from: Ci, type: string, to: Ci) => {
    relations++;
    cmdb.addRelation({ from: from.id, to: to.id, type }, ctx);
  };

  for (const site of sites) {
    const siteCi = create({
      type: 'site',
      name: site.name,
      description: `${site.city} data centre`,
      ownerTeam: 'platform',
      tags: [site.name],
    });
    const hosts: Record<string, Record<string, Ci[]>> = { prod: {}, staging: {} };
    for (const env of ['prod', 'staging'] as const) {
      // The bastion comes first in each layout's order of creation so the others can jump through it.
      const ordered = [...layout[env]].sort(([a], [b]) => (a === 'bastion' ? -1 : b === 'bastion' ? 1 : 0));
      for (const [role, count] of ordered) {
        for (let i = 1; i <= count; i++) {
          const team = teamOf[role]!;
          const n = String(i).padStart(2, '0');
          const bastion = hosts[env]!.bastion?.[0];
          const hostName = `${role}-${n}.${env === 'prod' ? '' : 'stg.'}${site.name}`;
          const h = create({
            type: 'host',
            name: hostName,
            description: `${role} server ${i} in ${site.city} (${env})`,
            environment: env,
            ownerTeam: team,
            ownerPerson: personOf[team]!,
            criticality: env === 'prod' ? (role === 'db' || role === 'api' ? 'critical' : 'high') : 'low',
            tags: [role, site.name, env === 'prod' ? 'pci' : 'non-prod'].filter(
              (t) => !(t === 'pci' && role === 'backup'),
            ),
            fields: { rack: `${site.name}-r${(i % 4) + 1}`, os: osOf[role]! },
            connection: {
              // .invalid never resolves (RFC 2606): a demo host can never send traffic anywhere.
              address: `${hostName}.demo.invalid`,
              port: 22,
              user: role === 'bastion' ? 'ops' : 'deploy',
              jumpHostId: env === 'prod' && role !== 'bastion' && bastion ? bastion.id : null,
            },
          });
          (hosts[env]![role] ??= []).push(h);
          relate(h, 'hosted_in', siteCi);
        }
      }
    }

    for (const env of ['prod', 'staging'] as const) {
      const sfx = `${env}-${site.name}`;
      const h = hosts[env]!;
      const crit = env === 'prod' ? 'critical' : 'low';
      const pg = create({
        type: 'database',
        name: `postgres-${sfx}`,
        description: 'PostgreSQL 16 primary/replica',
        environment: env,
        ownerTeam: 'data',
        criticality: crit,
        tags: ['postgres'],
      });
      const redis = create({
        type: 'database',
        name: `redis-${sfx}`,
        description: 'Redis sessions and carts',
        environment: env,
        ownerTeam: 'data',
        criticality: crit,
        tags: ['redis'],
      });
      const checkout = create({
        type: 'service',
        name: `checkout-api-${sfx}`,
        description: 'Payments and orders API',
        environment: env,
        ownerTeam: 'checkout',
        ownerPerson: 'bob',
        criticality: crit,
        tags: ['api'],
      });
      const catalog = create({
        type: 'service',
        name: `catalog-api-${sfx}`,
        description: 'Product catalogue API',
        environment: env,
        ownerTeam: 'checkout',
        criticality: crit,
        tags: ['api'],
      });
      const storefront = create({
        type: 'service',
        name: `storefront-${sfx}`,
        description: 'Web front end',
        environment: env,
        ownerTeam: 'storefront',
        ownerPerson: 'alice',
        criticality: crit,
        tags: ['web'],
      });
      const shop = create({
        type: 'application',
        name: `shop-${sfx}`,
        description: 'The online shop',
        environment: env,
        ownerTeam: 'storefront',
        criticality: crit,
        tags: ['customer-facing'],
      });
      for (const d of h.db ?? []) relate(pg, 'runs_on', d);
      for (const c of h.cache ?? []) relate(redis, 'runs_on', c);
      for (const a of h.api ?? []) {
        relate(checkout, 'runs_on', a);
        relate(catalog, 'runs_on', a);
      }
      for (const w of h.web ?? []) relate(storefront, 'runs_on', w);
      relate(checkout, 'depends_on', pg);
      relate(checkout, 'depends_on', redis);
      relate(catalog, 'depends_on', pg);
      relate(storefront, 'depends_on', checkout);
      relate(storefront, 'depends_on', catalog);
      relate(shop, 'depends_on', storefront);
      if (env === 'prod') {
        const repo = create({
          type: 'backup-repository',
          name: `backup-repo-${site.name}`,
          description: 'restic repository on the backup host',
          environment: 'prod',
          ownerTeam: 'platform',
          criticality: 'high',
          tags: ['restic'],
        });
        for (const b of h.backup ?? []) relate(repo, 'runs_on', b);
        relate(repo, 'backs_up', pg);
        relate(repo, 'backs_up', redis);
      }
    }
  }
  return { cis, relations };
}
