import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { type HostResult, hostStates } from '../../../shared/api/ssh';
import {
  barSegments,
  countStates,
  firstLine,
  formatDuration,
  stateColor,
} from '../../../renderer/views/batch/batch-state';
import { callWithConfirm, confirmRequest } from '../../../renderer/views/batch/confirm-flow';
import { LiveRuns, appendCapped, mergeHost } from '../../../renderer/views/batch/live-runs';
import { paramValues, templateParams } from '../../../renderer/views/batch/snippet-params';
import { emptyTargets, fromInventorySelection, readBatchHash, toSelector } from '../../../renderer/views/batch/targets';
import { emptyFilter } from '../../../renderer/views/inventory/query-chips';
import { acceptableIds, upsertPending } from '../../../renderer/shell/hostkey-review-pure';
import type { PendingHostKey } from '../../../shared/api/ssh';

const host = (id: string, over: Partial<HostResult> = {}): HostResult => ({
  ci: { id, name: id, type: 'host' },
  address: '10.0.0.1',
  state: 'queued',
  exitCode: null,
  signal: null,
  startedAt: null,
  durationMs: null,
  stdout: '',
  stderr: '',
  truncated: false,
  error: null,
  sha256: null,
  ...over,
});

describe('state colours and the stacked bar', () => {
  it('gives every state a colour, failures red-ish and ok green', () => {
    for (const s of hostStates) expect(stateColor[s]).toBeTruthy();
    expect(stateColor.ok).toBe('green');
    expect(stateColor.failed).toBe('red');
    expect(stateColor['hostkey-changed']).toMatch(/^red/);
    expect(new Set(hostStates.map((s) => stateColor[s])).size).toBe(hostStates.length);
  });

  it('draws one segment per present state, widths summing to 100%, in state order', () => {
    const segs = barSegments({ failed: 1, ok: 3 });
    expect(segs.map((s) => s.state)).toEqual(['ok', 'failed']);
    expect(segs.map((s) => s.pct)).toEqual([75, 25]);
    expect(segs[0]!.color).toBe('var(--mantine-color-green-6)');
    expect(barSegments({})).toEqual([]);
    expect(barSegments({ 'hostkey-changed': 2 })[0]!.color).toBe('var(--mantine-color-red-9)');
  });

  it('counts rows by state', () => {
    expect(countStates([host('a', { state: 'ok' }), host('b', { state: 'ok' }), host('c')])).toEqual({
      ok: 2,
      queued: 1,
    });
  });

  it('shows the first non-empty line of output, else stderr, else the error', () => {
    expect(firstLine({ stdout: '\n  Linux web-1\nmore', stderr: '', error: null })).toBe('Linux web-1');
    expect(firstLine({ stdout: '', stderr: 'boom\n', error: null })).toBe('boom');
    expect(firstLine({ stdout: '', stderr: '', error: 'connection refused' })).toBe('connection refused');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(null)).toBe('');
  });
});

describe('confirm_required flow', () => {
  it('asks, then calls again confirmed when the person agrees', async () => {
    const calls: boolean[] = [];
    const asked: unknown[] = [];
    const r = await callWithConfirm(
      async (confirmed) => {
        calls.push(confirmed);
        if (!confirmed) throw new OpsError('confirm_required', 'Run on 40 hosts, 3 in production?', { production: 3 });
        return 'run-1';
      },
      async (req) => (asked.push(req), true),
    );
    expect(r).toBe('run-1');
    expect(calls).toEqual([false, true]);
    expect(asked).toEqual([{ message: 'Run on 40 hosts, 3 in production?', production: 3, total: null }]);
  });

  it('does not call again when the person declines', async () => {
    const calls: boolean[] = [];
    const r = await callWithConfirm(
      async (confirmed) => {
        calls.push(confirmed);
        throw new OpsError('confirm_required', 'sure?');
      },
      async () => false,
    );
    expect(r).toBeNull();
    expect(calls).toEqual([false]);
  });

  it('rethrows other failures without asking', async () => {
    let asked = false;
    await expect(
      callWithConfirm(
        async () => {
          throw new OpsError('bad_input', 'no targets');
        },
        async () => (asked = true),
      ),
    ).rejects.toThrow('no targets');
    expect(asked).toBe(false);
    expect(confirmRequest(new Error('x'))).toBeNull();
  });
});

describe('live runs', () => {
  it('keeps streamed output when a later host event carries less of it', () => {
    const live = new LiveRuns(4, (fn) => fn());
    live.setHost('r1', host('a', { state: 'running' }));
    live.output('r1', 'a', 'stdout', 'line 1\n');
    live.output('r1', 'a', 'stdout', 'line 2\n');
    live.setHost('r1', host('a', { state: 'ok', exitCode: 0 }));
    const a = live.get('r1')!.hosts.get('a')!;
    expect(a).toMatchObject({ state: 'ok', exitCode: 0, stdout: 'line 1\nline 2\n' });
    expect(live.get('r1')!.order).toEqual(['a']);
  });

  it('lets a final state from the server win over a stale live row', () => {
    const live = new LiveRuns(4, (fn) => fn());
    live.setHost('r1', host('a', { state: 'running', stdout: 'partial' }));
    live.load({ id: 'r1' } as never, [
      host('a', { state: 'ok', stdout: 'partial and more' }),
      host('b', { state: 'queued' }),
    ]);
    expect(live.get('r1')!.hosts.get('a')!.state).toBe('ok');
    expect(live.get('r1')!.order).toEqual(['a', 'b']);
  });

  it('notifies once per frame and forgets old runs', () => {
    const frames: (() => void)[] = [];
    const live = new LiveRuns(2, (fn) => frames.push(fn));
    let told = 0;
    live.subscribe(() => told++);
    live.setHost('r1', host('a'));
    live.setHost('r2', host('a'));
    live.setHost('r3', host('a'));
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(told).toBe(1);
    expect(live.get('r1')).toBeUndefined();
    expect(live.get('r3')).toBeDefined();
  });

  it('caps kept output from the end', () => {
    expect(appendCapped('abc', 'def', 4)).toBe('cdef');
    expect(mergeHost(undefined, host('x')).ci.id).toBe('x');
  });
});

describe('targets and snippets', () => {
  it('never sends an empty query (it would match the whole CMDB)', () => {
    expect(toSelector(emptyTargets)).toEqual({ ids: [], tags: [] });
    const s = toSelector({ ...emptyTargets, filter: { ...emptyFilter, tags: ['web'] }, group: ' edge ' });
    expect(s.query?.tags).toEqual(['web']);
    expect(s.group).toBe('edge');
  });

  it('takes the inventory selection as ids, or as its query for "all matching"', () => {
    const some = fromInventorySelection({ mode: 'some', ids: new Set(['a', 'b']), anchor: null }, emptyFilter);
    expect(some.draft.ids).toEqual(['a', 'b']);
    const all = fromInventorySelection(
      { mode: 'all', ids: new Set(['x']), anchor: null },
      { ...emptyFilter, environments: ['prod'] },
    );
    expect(all.draft.ids).toEqual([]);
    expect(all.draft.filter.environments).toEqual(['prod']);
    expect(all.excluded).toBe(1);
  });

  it('reads batch links', () => {
    expect(readBatchHash('#/batch?ids=a,b')).toEqual({ ids: ['a', 'b'], fromInventory: false, command: null });
    expect(readBatchHash('#/batch?selection=inventory').fromInventory).toBe(true);
    expect(readBatchHash('#/batch').ids).toEqual([]);
  });

  it('finds a template’s parameters, not the CI fields', () => {
    expect(templateParams('systemctl {{ action }} {{unit}} on {{ci.name}} {{ci.fields.rack}} {{unit}}')).toEqual([
      'action',
      'unit',
    ]);
    expect(
      paramValues(
        [
          { name: 'a', default: 'x' },
          { name: 'b', default: 'y' },
        ],
        { b: 'z' },
      ),
    ).toEqual({
      a: 'x',
      b: 'z',
    });
  });
});

describe('host key review', () => {
  const p = (id: string, reason: 'unknown' | 'changed'): PendingHostKey => ({
    id,
    host: id,
    port: 22,
    keyType: 'ssh-ed25519',
    fingerprint: 'SHA256:x',
    reason,
    knownFingerprint: reason === 'changed' ? 'SHA256:y' : null,
    firstSeenAt: 1,
    cis: [],
  });

  it('never accepts a changed key in bulk', () => {
    const list = [p('a', 'unknown'), p('b', 'changed'), p('c', 'unknown')];
    expect(acceptableIds(list, new Set(['a', 'b']))).toEqual(['a']);
  });

  it('replaces a pending key seen again', () => {
    const list = upsertPending([p('a', 'unknown')], {
      ...p('a', 'unknown'),
      cis: [{ id: 'c', name: 'c', type: 'host' }],
    });
    expect(list).toHaveLength(1);
    expect(list[0]!.cis).toHaveLength(1);
    expect(upsertPending(list, p('b', 'unknown'))).toHaveLength(2);
  });
});
