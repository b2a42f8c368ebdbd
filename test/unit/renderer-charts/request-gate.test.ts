import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestGate } from '../../../renderer/views/charts/request-gate';

describe('RequestGate: auto refresh never piles requests up', () => {
  it('holds refreshes of the question on its way and asks once more after it answers', () => {
    const g = new RequestGate();
    const a = g.begin('q1');
    expect(a).not.toBeNull();
    expect(g.begin('q1')).toBeNull();
    expect(g.begin('q1')).toBeNull();
    expect(g.settle(a!)).toBe(true); // three refreshes while it ran: one more request, not three
    const b = g.begin('q1');
    expect(b).not.toBeNull();
    expect(g.settle(b!)).toBe(false);
  });

  it('sends a different question at once; the outdated answer settles nothing', () => {
    const g = new RequestGate();
    const a = g.begin('last 1h')!;
    const b = g.begin('last 6h');
    expect(b).not.toBeNull();
    expect(g.settle(a)).toBe(false);
    expect(g.begin('last 6h')).toBeNull();
    expect(g.settle(b!)).toBe(true);
  });

  it('after clear, the next question goes and nothing is owed', () => {
    const g = new RequestGate();
    const a = g.begin('q')!;
    g.begin('q');
    g.clear();
    expect(g.settle(a)).toBe(false);
    expect(g.begin('q')).not.toBeNull();
  });

  it('property: at most one request per question is ever on its way, and no refresh is lost', () => {
    type Step = { kind: 'ask'; key: 'a' | 'b' } | { kind: 'answer' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('ask' as const), key: fc.constantFrom('a' as const, 'b' as const) }),
      fc.constant({ kind: 'answer' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const g = new RequestGate();
        const onTheWay: { key: string; id: number }[] = [];
        let owed = false;
        for (const s of steps) {
          if (s.kind === 'ask') {
            const id = g.begin(s.key);
            if (id === null) {
              // Held only when this very question is the one on its way.
              expect(onTheWay.at(-1)?.key).toBe(s.key);
              owed = true;
            } else {
              // Sent only when this question is not the one on its way.
              expect(onTheWay.at(-1)?.key).not.toBe(s.key);
              onTheWay.push({ key: s.key, id });
              owed = false;
            }
          } else if (onTheWay.length > 0) {
            const r = onTheWay.shift()!;
            const again = g.settle(r.id);
            const wasLatest = onTheWay.length === 0;
            expect(again).toBe(wasLatest && owed);
            if (wasLatest) owed = false;
            if (again) {
              const id = g.begin(r.key);
              expect(id).not.toBeNull();
              onTheWay.push({ key: r.key, id: id! });
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
