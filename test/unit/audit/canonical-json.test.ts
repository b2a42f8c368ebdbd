import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/audit/canonical-json';

/** Rebuilds an object with its keys inserted in a shuffled order, recursively. */
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const shuffled = keys
      .map((k, i) => ({ k, r: Math.sin(seed * 31 + i * 17) }))
      .sort((a, b) => a.r - b.r)
      .map((x) => x.k);
    const out: Record<string, unknown> = {};
    for (const k of shuffled) {
      // defineProperty, so a generated "__proto__" key stays an own key
      Object.defineProperty(out, k, {
        value: reorder((value as Record<string, unknown>)[k], seed + k.length),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

// fc.jsonValue yields only JSON-representable values (no NaN, no undefined); -0 is normalised by JSON.
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes strings exactly as JSON.stringify does', () => {
    const s = 'quote " backslash \\ newline \n tab \t unicode é \u2028 emoji 😀 nul \u0000';
    expect(canonicalJson({ s })).toBe(`{"s":${JSON.stringify(s)}}`);
  });

  it('drops undefined object properties and honours toJSON', () => {
    expect(canonicalJson({ a: undefined, b: new Date(0) })).toBe('{"b":"1970-01-01T00:00:00.000Z"}');
  });

  it('refuses values JSON cannot hold instead of changing them', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(/NaN at \$\.n/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/Infinity/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ b: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ m: new Map() })).toThrow(/Map/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => canonicalJson(cyc)).toThrow(/circular/);
  });

  it('keeps a "__proto__" key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"a":1},"b":2}'))).toBe('{"__proto__":{"a":1},"b":2}');
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('property: independent of key insertion order', () => {
    fc.assert(
      fc.property(json, fc.integer(), (v, seed) => {
        expect(canonicalJson(reorder(v, seed))).toBe(canonicalJson(v));
      }),
    );
  });

  it('property: parsing the output gives back an equal value, and re-canonicalising is a fixed point', () => {
    fc.assert(
      fc.property(json, (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('property: deterministic', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(canonicalJson(v)).toBe(canonicalJson(structuredClone(v)));
      }),
    );
  });
});
