import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireConfirmation } from '../../../main/ssh/batch/confirm';
import { exportCsv } from '../../../main/ssh/batch/export';
import { fetchDestinations } from '../../../main/ssh/batch/files';
import { groupOutputs } from '../../../main/ssh/batch/groups';
import { renderAll, snippetParams } from '../../../main/ssh/batch/render';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { HostResult } from '../../../shared/api/ssh';

const ci = (name: string, fields: Record<string, string> = {}): Ci => ({
  id: `id-${name}`,
  type: 'host',
  name,
  description: '',
  ownerTeam: null,
  ownerPerson: null,
  environment: 'prod',
  status: 'active',
  criticality: null,
  tags: [],
  fields,
  connection: { address: '10.0.0.1', port: 22, user: null, credentialId: null, jumpHostId: null },
  createdAt: 0,
  updatedAt: 0,
  version: 1,
});

const host = (name: string, state: HostResult['state'], stdout: string, exitCode: number | null = 0): HostResult => ({
  ci: { id: name, name, type: 'host' },
  address: '',
  state,
  exitCode,
  signal: null,
  startedAt: null,
  durationMs: null,
  stdout,
  stderr: '',
  truncated: false,
  error: null,
  sha256: null,
});

describe('confirmation', () => {
  it('asks over the limit or for any production host, unless confirmed', () => {
    expect(() => requireConfirmation({ total: 10, production: 0 }, 10, false)).not.toThrow();
    expect(() => requireConfirmation({ total: 57, production: 12 }, 10, false)).toThrow(
      'This runs on 57 hosts, 12 of them production. Confirm to go ahead.',
    );
    expect(() => requireConfirmation({ total: 1, production: 1 }, 10, false)).toThrow(/a production one/);
    expect(() => requireConfirmation({ total: 57, production: 12 }, 10, true)).not.toThrow();
  });
});

describe('rendering', () => {
  it('quotes CI values; a missing CI field fails that host only; an unknown parameter refuses the run', () => {
    const r = renderAll('echo {{ci.name}} {{ci.fields.rack}} {{who}}', { who: "o'k" }, [
      ci('$(rm -rf /)', { rack: '`x`' }),
      ci('b'),
    ]);
    expect(r.commands[0]).toBe(`echo '$(rm -rf /)' '\`x\`' 'o'\\''k'`);
    expect(r.commands[1]).toBeNull();
    expect(r.errors[1]).toMatch(/b has no value for \{\{ci.fields.rack\}\}/);
    expect(() => renderAll('echo {{nope}}', {}, [ci('a')])).toThrow(/nope/);
  });

  it('fills snippet defaults and refuses unknown parameters', () => {
    expect(snippetParams([{ name: 'a', default: '1' }], {})).toEqual({ a: '1' });
    expect(() => snippetParams([{ name: 'a', default: '1' }], { b: '2' })).toThrow(/no parameter "b"/);
  });
});

describe('groups and exports', () => {
  it('groups identical outputs, largest first', () => {
    const g = groupOutputs([host('a', 'ok', 'x'), host('b', 'failed', 'y', 1), host('c', 'ok', 'x')]);
    expect(g.map((x) => [x.hosts.map((h) => h.name), x.state])).toEqual([
      [['a', 'c'], 'ok'],
      [['b'], 'failed'],
    ]);
  });

  it('writes RFC 4180, formula-safe CSV', () => {
    const csv = exportCsv([host('=evil', 'ok', 'a "b"\n@c')]);
    const row = csv.split('\r\n')[1]!;
    expect(row.startsWith("'=evil,host,=evil,")).toBe(false); // the id cell is protected too
    expect(row).toContain(`"a ""b""\n@c"`);
    expect(row.startsWith("'=evil,host,'=evil,")).toBe(true);
  });
});

describe('fetch destinations', () => {
  it('stay inside the folder whatever the CI name, and refuse a missing folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-dest-'));
    const d = fetchDestinations(dir, '/etc/../etc/hostname', [
      { id: 'aaaaaaaaaaaaaaaa1', name: '../../x' },
      { id: 'b', name: '/' },
      { id: 'c', name: '..' },
      { id: 'dddddddddddddddd1', name: 'a/b' },
      { id: 'e', name: 'a_b' },
    ]);
    for (const p of d) expect(p.startsWith(dir + path.sep)).toBe(true);
    expect(d.map((p) => path.relative(dir, p))).toEqual([
      '.._.._x/hostname',
      '_/hostname',
      '__/hostname',
      'a_b-dddddddddddd/hostname',
      'a_b-e/hostname',
    ]);
    expect(() => fetchDestinations(path.join(dir, 'missing'), '/x', [])).toThrow(/does not exist/);
    fs.rmSync(dir, { recursive: true });
  });
});
