import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adaptiveBits, readAdaptive, writeAdaptive } from '../../../main/monitoring/tsdb/adaptive';
import { BitReader, BitWriter } from '../../../main/monitoring/tsdb/bit-writer';
import { ValueMode, decodeChunk, encodeChunk } from '../../../main/monitoring/tsdb/chunk';
import { INT_BUCKETS, TS_BUCKETS } from '../../../main/monitoring/tsdb/varbits';
import { adaptiveRuns, realisticChunks, smallInputs } from './golden-corpus';

// The chunk format is on disk: these bytes were captured from the encoder
// before it was optimised, and any change to them breaks every stored chunk's
// "same input, same bytes" guarantee (and may break old chunks' decoding).
const PINNED: Record<string, string> = {
  empty: '020000fcc50d7c',
  'one sample': '020301f00066ada5fa00020101027c0cc4b3',
  'constant up, steady': '020308f00066ada5fa001c0753000010080810000039f98adb',
  'jittered times, 2-decimal load': '02030cf00066ada5fa019c074f239cbeb42f99ba3616240e14020303f858328e513d296c65804ce2',
  'stale markers in a decimal run': '020306f00066ada5fa001c075300014c20e02060b07d0401204c785813',
  'byte counter, delta-of-deltas': '02030af00066ada5fa001c075300000705fff80f03d0902040008b85b9c0',
  'doubles, XOR':
    '02000af00066ada5fa179c073e9f91143a8896897013637349fdccccccccccccd60fefee666666666666dffe00000000000028000000000000001800c0255555555555559ff71d2b80445e136000c9ef1df507a7180d16fc2a2c515da64340000000000001bffbffffffffffff80a295968f',
  'wide timestamp gaps (escapes)':
    '02030780780ea5cf456a00004951f8001ffffff0dd28ae1f07fbffffff1588201010a1020820639acc21',
};
const CHUNKS_SHA256 = '8a83daf67314baf75865472054d18d3839694ccddf844e98ce02977d1f3072ff';
const ADAPTIVE_SHA256 = 'f5c900456cf83f4e3ff6452f29de5debd33eb3a6c1cd33c4488df26d67413de2';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('the chunk format, pinned', () => {
  for (const g of smallInputs()) {
    it(`encodes "${g.name}" to the same bytes, and decodes those bytes back`, () => {
      expect(hex(encodeChunk(g.ts, g.vs))).toBe(PINNED[g.name]);
      const out = decodeChunk(Uint8Array.from(Buffer.from(PINNED[g.name], 'hex')));
      expect(out.ts).toEqual(g.ts);
      // -0 and NaN compared exactly; the decimal coding keeps -0 out of its runs.
      if (!same(out.vs, g.vs)) expect(out.vs).toEqual(g.vs);
    });
  }

  it('encodes 600 realistic 120-sample chunks to the same bytes, covering both value codings', () => {
    const h = createHash('sha256');
    const modes = new Set<number>();
    for (const g of realisticChunks(600, 11)) {
      const bytes = encodeChunk(g.ts, g.vs);
      modes.add(bytes[1]);
      h.update(bytes);
    }
    expect(modes).toEqual(new Set([ValueMode.xor, ValueMode.decimal]));
    expect(h.digest('hex')).toBe(CHUNKS_SHA256);
  });

  it('writes adaptive runs to the same bits, with adaptiveBits matching what is written', () => {
    const h = createHash('sha256');
    for (const run of adaptiveRuns(400, 5)) {
      for (const widths of [TS_BUCKETS, INT_BUCKETS]) {
        const w = new BitWriter();
        writeAdaptive(w, run, widths);
        expect(w.bitLength).toBe(adaptiveBits(run, widths));
        const bytes = w.finish();
        expect(readAdaptive(new BitReader(bytes), run.length, widths)).toEqual(run);
        h.update(bytes);
        h.update('|');
      }
    }
    expect(h.digest('hex')).toBe(ADAPTIVE_SHA256);
  });
});
