import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Labels } from '../../../shared/api/monitoring-model';
import { FakeClock, openLocal, type LocalFixture } from './fixture';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

/** The series a label set belongs to, as the store's contract says: names sorted, empty values absent. */
function identity(labels: Labels): string {
  const entries = Object.entries(labels)
    .filter(([, v]) => v !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}

/** The same labels with their keys in another order (a new object). */
function reordered(labels: Labels, order: number[]): Labels {
  const keys = Object.keys(labels);
  const out: Labels = {};
  const picked = order.map((i) => keys[i % keys.length]!);
  for (const k of [...picked, ...keys]) if (!(k in out)) out[k] = labels[k]!;
  return out;
}

let fx: LocalFixture;
beforeAll(() => {
  fx = openLocal({ clock: new FakeClock(T0) });
});
afterAll(async () => {
  await fx.dispose();
});

/** Every stored series of one metric: identity → its values. */
function storedByIdentity(metric: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const ref of fx.part.store.select([{ name: '__name__', op: '=', value: metric }])) {
    expect(out.has(identity(ref.labels)), 'two series with one identity').toBe(false);
    out.set(identity(ref.labels), Array.from(fx.part.store.raw(ref.id, 0, Number.MAX_SAFE_INTEGER).vs));
  }
  return out;
}

describe('which series a sample goes to', () => {
  it('keeps label sets apart that a separator-joined key would merge', () => {
    // "a\0x\1b\0y\1" both ways under a NUL/SOH-joined key of names and values.
    const one = { __name__: 'joined', a: 'x\u0001b\u0000y' };
    const two = { __name__: 'joined', a: 'x', b: 'y' };
    for (let round = 0; round < 3; round++) {
      // Fresh objects each call, as a collector makes them: the second call goes through the shortcut.
      fx.part.sink.append([
        { labels: { ...one }, t: T0 + round * 1000, v: 1 },
        { labels: { ...two }, t: T0 + round * 1000, v: 2 },
      ]);
    }
    const stored = storedByIdentity('joined');
    expect(stored.size).toBe(2);
    expect(stored.get(identity(one))).toEqual([1, 1, 1]);
    expect(stored.get(identity(two))).toEqual([2, 2, 2]);
  });

  it('gives every distinct label set its own series, in any key order, object reused or not (property)', () => {
    // Values made of the characters a key builder might use as separators or quotes.
    const value = fc.string({
      maxLength: 4,
      unit: fc.constantFrom('a', 'b', ',', '=', ':', '"', '\\', '\u0000', '\u0001'),
    });
    const labelSet = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'a_b', 'b_c'), value, { maxKeys: 4 });
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(labelSet, { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.nat(8), { maxLength: 5 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (sets, orders, reuse) => {
          const metric = `prop_${run++}`;
          const labels = sets.map((s) => ({ __name__: metric, ...s }));
          // Each identity gets one value; sets sharing an identity write the same value to the same series.
          const ids = [...new Set(labels.map(identity))];
          const valueOf = (l: Labels) => ids.indexOf(identity(l)) + 1;
          orders.forEach((order, round) => {
            const batch = labels.map((l) => ({
              labels: reuse ? l : reordered(l, order),
              t: T0 + round * 1000,
              v: valueOf(l),
            }));
            // Twice the same objects in one call: the second is older-or-equal and dropped.
            fx.part.sink.append([...batch, ...batch]);
          });
          const stored = storedByIdentity(metric);
          expect([...stored.keys()].sort()).toEqual([...ids].sort());
          for (const [id, vs] of stored) expect(vs).toEqual(orders.map(() => ids.indexOf(id) + 1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps apart any two label sets a naive join would merge: one value swallowing the next label (property)', () => {
    // Separators a key builder might join names and values with (before a name, between name and value).
    const joins: [string, string][] = [
      ['\u0001', '\u0000'],
      [',', '='],
      ['|', ':'],
      ['","', '":"'],
      ['', ''],
    ];
    const value = fc.string({ maxLength: 3, unit: fc.constantFrom('x', 'y', ',', '=', '"', '\u0000', '\u0001') });
    let run = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 2, maxLength: 4 }),
        fc.array(value, { minLength: 4, maxLength: 4 }),
        fc.nat(),
        fc.constantFrom(...joins),
        (names, values, at, [before, between]) => {
          const metric = `swallow_${run++}`;
          names.sort();
          const whole: Labels = { __name__: metric };
          names.forEach((n, i) => (whole[n] = values[i]! || 'v'));
          // {a: x, b: y} and {a: x + "<before>b<between>y"}: one string under such a join.
          const i = at % (names.length - 1);
          const [a, b] = [names[i]!, names[i + 1]!];
          const swallowed: Labels = { ...whole, [a]: whole[a] + before + b + between + whole[b] };
          delete swallowed[b];
          for (let round = 0; round < 2; round++) {
            fx.part.sink.append([
              { labels: { ...whole }, t: T0 + round, v: 1 },
              { labels: { ...swallowed }, t: T0 + round, v: 2 },
            ]);
          }
          const stored = storedByIdentity(metric);
          expect(stored.get(identity(whole))).toEqual([1, 1]);
          expect(stored.get(identity(swallowed))).toEqual([2, 2]);
          expect(stored.size).toBe(2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the key-order shortcut bounded when a writer shuffles its label order', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const permutations: string[][] = [];
    const permute = (rest: string[], acc: string[]) => {
      if (rest.length === 0) permutations.push(acc);
      rest.forEach((n, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, n]));
    };
    permute(names, []);
    expect(permutations).toHaveLength(5040);
    permutations.forEach((order, i) => {
      const labels: Labels = { __name__: 'shuffled' };
      for (const n of order) labels[n] = n.toUpperCase();
      fx.part.sink.append([{ labels, t: T0 + i, v: 1 }]);
    });
    const refs = fx.part.store.select([{ name: '__name__', op: '=', value: 'shuffled' }]);
    expect(refs).toHaveLength(1);
    expect(fx.part.store.raw(refs[0]!.id, 0, Number.MAX_SAFE_INTEGER).vs).toHaveLength(5040);
    expect(fx.part.store.index.shortcuts).toBeLessThanOrEqual(1024 + 2 * fx.part.store.index.size);
  });

  it('refuses invalid labels per sample and creates no series for labels whose samples are all refused', () => {
    const bad = { __name__: 'refused_all' };
    fx.part.sink.append([
      { labels: bad, t: -1, v: 1 },
      { labels: bad, t: 1.5, v: 1 },
      { labels: { __name__: 'no good', a: 'x' }, t: T0, v: 1 },
      { labels: { __name__: 'typed', a: 1 as unknown as string }, t: T0, v: 1 },
    ]);
    expect(fx.part.store.select([{ name: '__name__', op: '=~', value: 'refused_all|no good|typed' }])).toEqual([]);
    const warned = fx.log.entries.filter((e) => e.msg === 'samples refused').at(-1);
    expect(warned?.data).toMatchObject({ count: 4 });
  });
});
