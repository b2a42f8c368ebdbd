import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { CAP_NOTICE } from '../../../main/ssh/terminal/recording';
import { TerminalService } from '../../../main/ssh/terminal/service';
import type { ResolvedTarget } from '../../../main/ssh/types';
import { generateKeyPair, startSshd, type LabSshd } from '../../support/sshd-lab';
import { endpoint, openSshFixture, type SshFixture } from '../ssh-conn/fixture';

async function until(fn: () => boolean, ms = 5_000): Promise<void> {
  for (const t0 = Date.now(); !fn();) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('terminals over the pool (real sshd)', () => {
  let fx: SshFixture;
  let srv: LabSshd;
  let target: ResolvedTarget;
  let svc: TerminalService;
  const data = new Map<string, string>();
  let events = 0;

  beforeAll(async () => {
    fx = await openSshFixture();
    const key = generateKeyPair({ type: 'ed25519' });
    const keyId = fx.vault.createSecret({ name: 'k', kind: 'ssh-key', value: key.privateKey }).id;
    srv = await startSshd({ authorizedKeys: [key.publicKey] });
    fx.trust(srv);
    target = { target: endpoint(srv, { kind: 'key', secretId: keyId }, 'web-01'), jumps: [] };
    svc = new TerminalService({
      pool: fx.pool,
      resolver: { resolve: () => target },
      bus: fx.bus,
      db: fx.ws.db,
      clock: { now: () => Date.now() },
      logger: silentLogger,
      audit: fx.audit,
      recordingCapBytes: 4096,
    });
    fx.bus.subscribe('ssh.terminal.data', (e) => {
      events++;
      data.set(e.id, (data.get(e.id) ?? '') + Buffer.from(e.data, 'base64').toString('utf8'));
    });
  });
  afterAll(async () => {
    svc?.closeAll();
    await fx?.close();
    await srv?.stop();
  });

  it('opens a shell, echoes typed input, resizes, broadcasts and records capped asciicast', async () => {
    const s = await svc.open({ ciId: 'x', cols: 100, rows: 30, record: true, actor: 'alice' });
    expect(s).toMatchObject({ state: 'open', recording: true, ci: { name: 'web-01' } });
    const t = await svc.open({ ciId: 'x', cols: 80, rows: 24, record: false, actor: 'alice' });
    expect(svc.list().sessions).toHaveLength(2);
    expect(fx.pool.openCount()).toBe(1);

    expect(svc.write([s.id, t.id], 'echo hel""lo\n')).toEqual({ written: 2 });
    await until(() => /\bhello\b/.test(data.get(s.id) ?? '') && /\bhello\b/.test(data.get(t.id) ?? ''));
    expect(svc.resize(s.id, 120, 40)).toEqual({ ok: true });
    svc.write([s.id], 'stty size\n');
    await until(() => (data.get(s.id) ?? '').includes('40 120'));
    // batching: far fewer events than bytes
    const bytes = [...data.values()].reduce((n, v) => n + v.length, 0);
    expect(events).toBeLessThan(bytes / 4);

    // overflow the 4 KiB recording cap
    svc.write([s.id], 'head -c 20000 /dev/zero | tr "\\0" x; echo\n');
    await until(() => (data.get(s.id) ?? '').split('x').length > 15_000);
    svc.close(s.id);
    svc.close(t.id);
    expect(svc.list().sessions).toHaveLength(0);

    const rec = svc.recordings().recordings;
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({ actor: 'alice', capped: true, ci: { name: 'web-01' } });
    expect(rec[0]!.endedAt).not.toBeNull();
    const content = svc.recording(rec[0]!.id).content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    const lines = content
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toMatchObject({ version: 2, width: 100, height: 30 });
    const evs = lines.slice(1) as [number, string, string][];
    expect(evs.every((e) => typeof e[0] === 'number' && ['o', 'r'].includes(e[1]) && typeof e[2] === 'string')).toBe(
      true,
    );
    expect(evs.map((e) => e[2]).join('')).toContain('hello');
    expect(evs).toContainEqual([expect.any(Number), 'r', '120x40']);
    expect(evs.at(-1)![2]).toBe(CAP_NOTICE);
    const audits = fx.ws.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ssh.recording.capped'")
      .get() as {
      n: number;
    };
    expect(audits.n).toBe(1);
  });

  it('holds 50 sessions open at once on one connection', async () => {
    const opened = await Promise.all(
      Array.from({ length: 50 }, () =>
        svc.open({ ciId: 'x', cols: 80, rows: 24, record: false, actor: 'bob' }).catch((e: Error) => e),
      ),
    );
    const ok = opened.filter((o) => !(o instanceof Error));
    // one connection carries 8 channels; the rest wait their turn, then every session is open
    expect(ok).toHaveLength(50);
    expect(svc.list().sessions).toHaveLength(50);
    // 8 shells per connection: the others spill over to sibling connections instead of queueing forever
    expect(fx.pool.openCount()).toBe(7);
    svc.closeAll();
    await until(() => svc.list().sessions.length === 0);
  }, 60_000);
});
