import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCiInput } from '../../../main/cmdb/fast-input';
import { ciInput } from '../../../shared/api/cmdb-model';

const str = fc.oneof(
  fc.constantFrom('', ' x', 'x ', 'Prod', 'prod', 'a,b', 'web-01', 'é', '\u0001', 'a b'),
  fc.string({ maxLength: 12 }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const inputArb = fc.record(
  {
    type: fc.oneof(fc.constantFrom('host', 'vm', 'Host', 'k8s-cluster', '1x'), str),
    name: str,
    description: maybe(str),
    ownerTeam: maybe(fc.option(str)),
    ownerPerson: maybe(fc.option(str)),
    environment: maybe(fc.option(str)),
    status: maybe(fc.constantFrom('active', 'retired', 'gone', 'Active')),
    criticality: maybe(fc.option(fc.constantFrom('low', 'high', 'urgent'))),
    tags: maybe(fc.array(str, { maxLength: 3 })),
    fields: maybe(
      fc.dictionary(
        fc.string({ maxLength: 4 }),
        fc.oneof(str, fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
        { maxKeys: 3 },
      ),
    ),
    connection: maybe(
      fc.option(
        fc.record(
          {
            address: fc.option(str),
            port: fc.option(fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.double())),
            user: fc.option(str),
            jumpHostId: fc.option(str),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    extra: maybe(fc.constant(1)),
  },
  { requiredKeys: [] },
);

describe('cleanCiInput, the import fast path', () => {
  it('whenever it answers, it answers exactly what ciInput.parse does', () => {
    let answered = 0;
    fc.assert(
      fc.property(inputArb, (o) => {
        const fast = cleanCiInput(o as Record<string, unknown>);
        const slow = ciInput.safeParse(o);
        if (fast) {
          answered++;
          expect(slow.success).toBe(true);
          expect(fast).toEqual(slow.data);
        }
      }),
      { numRuns: 5000 },
    );
    expect(answered).toBeGreaterThan(0);
  });

  it('takes clean rows', () => {
    expect(
      cleanCiInput({
        type: 'host',
        name: 'web-01',
        environment: 'prod',
        tags: ['web'],
        fields: { rack: 'r1', u: 2 },
        connection: { address: '10.0.0.1', port: 22 },
      }),
    ).toMatchObject({
      status: 'active',
      ownerTeam: null,
      description: '',
    });
  });
});
