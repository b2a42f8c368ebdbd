import fc from 'fast-check';
import { criticalities, lifecycleStatuses, type Ci, type FieldValue } from '../../../shared/api/cmdb-model';
import type { ExportData } from '../../../main/cmdb/export/index';
import { typedValue } from '../../../main/cmdb/import/values';

/** Text that CSV would read back as text: not blank and not a number/boolean look-alike. */
const fieldText = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() !== '' && typeof typedValue(s) === 'string');

const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.boolean(),
  fieldText,
  fc.constantFrom('=SUM(A1)', '+1-2', '-x', '@cmd', '\tlead', "'=already", "''+twice"),
  fc.constant(null),
);

const word = (max: number) => fc.stringMatching(new RegExp(`^[a-z][a-z0-9-]{0,${max}}$`));

const ownerTeam = word(8);
const user = word(6);

const ciBody: fc.Arbitrary<Omit<Ci, 'id' | 'type' | 'name'>> = fc.record({
  description: fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('two\nlines', 'a "quote", comma', '=1+1'),
  ),
  ownerTeam: fc.option(ownerTeam, { nil: null }),
  ownerPerson: fc.option(fc.constantFrom('Alice Doe', 'bob', 'Ünal Şahin'), { nil: null }),
  environment: fc.option(fc.constantFrom('production', 'staging', 'dev', 'lab'), { nil: null }),
  status: fc.constantFrom(...lifecycleStatuses),
  criticality: fc.option(fc.constantFrom(...criticalities), { nil: null }),
  tags: fc.uniqueArray(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { maxLength: 4 }),
  fields: fc.dictionary(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/).filter((k) => k !== '__proto__'),
    fieldValue,
    { maxKeys: 4 },
  ),
  connection: fc.option(
    fc.record({
      address: fc.option(fc.ipV4(), { nil: null }),
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
      user: fc.option(user, { nil: null }),
      credentialId: fc.constant(null),
      jumpHostId: fc.constant(null),
    }),
    { nil: null },
  ),
  createdAt: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  updatedAt: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  version: fc.integer({ min: 1, max: 100 }),
});

const types = ['host', 'vm', 'service', 'database', 'network-device', 'group'];

/** A small CMDB: unique (type, name), some jump hosts and relations between existing CIs. */
export const exportDataArb: fc.Arbitrary<ExportData> = fc
  .tuple(
    fc.uniqueArray(fc.tuple(fc.constantFrom(...types), fc.stringMatching(/^[a-z][a-z0-9.-]{0,14}$/), ciBody), {
      minLength: 0,
      maxLength: 12,
      selector: ([, n]) => n,
    }),
    fc.array(fc.nat(), { maxLength: 30 }),
  )
  .map(([specs, picks]) => {
    const list: Ci[] = specs.map(([type, name, body], i) => ({
      id: `ci-${i}-${name}`,
      type,
      name,
      ...body,
      connection: body.connection ? { ...body.connection } : null,
    }));
    const relations: ExportData['relations'] = [];
    const relationTypes = ['member_of', 'depends_on', 'runs_on'];
    for (let k = 0; k + 2 < picks.length && list.length > 1; k += 3) {
      const from = list[picks[k] % list.length];
      const to = list[picks[k + 1] % list.length];
      if (from.id !== to.id) relations.push({ type: relationTypes[picks[k + 2] % 3], fromId: from.id, toId: to.id });
    }
    list.forEach((c, i) => {
      if (c.connection && i > 0 && i % 3 === 0) c.connection.jumpHostId = list[i - 1].id;
    });
    return { cis: list, relations, exportedAt: 1_700_000_000_000 };
  });
