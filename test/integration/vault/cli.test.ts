import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../shared/api';
import { OpsError } from '../../../shared/api/errors';
import { addCore, readValue, run as addRun } from '../../../main/cli/commands/vault/add';
import { exportCore } from '../../../main/cli/commands/vault/export';
import { importCore } from '../../../main/cli/commands/vault/import';
import { vaultCommands } from '../../../main/cli/commands/vault/index';
import { initCore } from '../../../main/cli/commands/vault/init';
import { listCore } from '../../../main/cli/commands/vault/list';
import { lockCore } from '../../../main/cli/commands/vault/lock';
import { readPassphrase, type PromptIO } from '../../../main/cli/commands/vault/passphrase';
import { removeCore } from '../../../main/cli/commands/vault/remove';
import type { VaultCall, VaultMethod } from '../../../main/cli/commands/vault/session';
import { unlockCore } from '../../../main/cli/commands/vault/unlock';
import { CliError } from '../../../main/cli/common';
import { PASS, openVault, type VaultFixture } from './helpers';
import { sshKeygen } from './keys';

let fx: VaultFixture;
afterEach(() => fx?.close());

/** What withVault gives a command, on a test workspace: calls go through the real router and audit. */
function callerOf(f: VaultFixture): VaultCall {
  return (async (method: VaultMethod, input?: unknown) => {
    const r = await f.router.call(method, input, { actor: 'cli-test', via: 'cli' });
    if (!r.ok) throw OpsError.from(r.error);
    return r.result as CallOutput<typeof method>;
  }) as VaultCall;
}

function io(over: Partial<PromptIO> = {}): PromptIO {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  return { env: {}, stdin, stderr: new PassThrough(), openTty: () => null, ...over };
}

describe('vault CLI commands', () => {
  it('init, add, list, unlock, remove, lock through the router', async () => {
    fx = await openVault();
    const call = callerOf(fx);
    const lines: string[] = [];
    const print = (l: string) => void lines.push(l);
    expect(await initCore(call, PASS, print)).toBe(0);
    expect(lines.pop()).toMatch(/^vault created: vault unlocked, 0 secret\(s\), format 1, scrypt N=16384 r=8 p=1$/);
    await call('vault.lock');

    const key = sshKeygen(fx.dir, 'id_ed25519', 'ed25519');
    await addCore(call, { name: 'deploy', kind: 'ssh-key', value: key.text, passphrase: PASS }, print);
    expect(lines.pop()).toContain(key.fingerprint);
    await addCore(call, { name: 'db', kind: 'password', value: 'pw-123', notes: 'prod', passphrase: PASS }, print);
    await expect(
      addCore(call, { name: 'x', kind: 'password', value: 'v', passphrase: 'wrong one!' }, print),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: 'wrong passphrase',
    });

    lines.length = 0;
    await listCore(call, false, print);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ db {2}password {2}updated /);
    await listCore(call, true, print);
    const json = JSON.parse(lines.pop()!) as { name: string }[];
    expect(json.map((s) => s.name)).toEqual(['db', 'deploy']);
    expect(JSON.stringify(json)).not.toContain('pw-123');

    lines.length = 0;
    await unlockCore(call, PASS, print);
    expect(lines.join('\n')).toMatch(/passphrase accepted[\s\S]*OPSROOM_PASSPHRASE/);
    expect(fx.vault.isUnlocked()).toBe(false);

    await removeCore(call, { ref: 'DB', force: false, passphrase: PASS }, print);
    expect(lines.pop()).toMatch(/^deleted db /);
    await expect(removeCore(call, { ref: 'nope', force: false, passphrase: PASS }, print)).rejects.toMatchObject({
      code: 'not_found',
    });
    await lockCore(call, print);
    expect(lines.pop()).toBe('vault locked; no unlock was remembered on this device.');
    const audited = fx.db.prepare("SELECT action FROM audit_log WHERE actor = 'cli-test'").all() as {
      action: string;
    }[];
    expect(audited.map((a) => a.action)).toContain('vault.secrets.create');
  });

  it('export writes ciphertext to a new file, never over an old one; import reads it back', async () => {
    fx = await openVault();
    const call = callerOf(fx);
    const print = () => {};
    await initCore(call, PASS, print);
    await addCore(call, { name: 'tok', kind: 'token', value: 'TOKEN-VALUE-1', passphrase: PASS }, print);
    const out = path.join(fx.dir, 'vault.opsvault');
    await exportCore(call, { out, passphrase: PASS, exportPassphrase: 'export pass 123' }, print);
    const content = fs.readFileSync(out, 'utf8');
    expect(content).not.toContain('TOKEN-VALUE-1');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    await expect(
      exportCore(call, { out, passphrase: PASS, exportPassphrase: 'export pass 123' }, print),
    ).rejects.toThrow(/already exists/);
    const lines: string[] = [];
    await importCore(
      call,
      { content, onConflict: 'keep-both', passphrase: PASS, exportPassphrase: 'export pass 123' },
      (l) => void lines.push(l),
    );
    expect(lines).toEqual(['imported 1, replaced 0, skipped 0']);
  });

  it('has no way to take a secret from argv', async () => {
    await expect(addRun(['--name', 'x', '--kind', 'password', '--value', 'hunter2'], io())).rejects.toMatchObject({
      code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
    });
    await expect(addRun(['--name', 'x', '--kind', 'password', 'hunter2'], io())).rejects.toThrow(
      /never from the command line/,
    );
    await expect(addRun(['--name', 'x', '--kind', 'password'], io())).rejects.toThrow(
      /exactly one of --file PATH or --stdin/,
    );
    await expect(addRun(['--name', 'x', '--kind', 'nope', '--stdin'], io())).rejects.toThrow(/--kind must be one of/);
    expect(Object.keys(vaultCommands).sort()).toEqual([
      'add',
      'export',
      'import',
      'init',
      'list',
      'lock',
      'remove',
      'unlock',
    ]);
    for (const c of Object.values(vaultCommands)) expect(c.help).not.toMatch(/--value|--passphrase /);
  });

  it('refuses to run without a passphrase source, before opening anything', async () => {
    const p = io();
    (p.stdin as PassThrough).end('the secret\n');
    const err = await addRun(
      ['--name', 'x', '--kind', 'password', '--stdin', '--workspace', '/nonexistent/x'],
      p,
    ).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err.message).toMatch(/No master passphrase: set OPSROOM_PASSPHRASE or run this command in a terminal/);
  });

  it('reads values from stdin or a file, trimming only the newline of one-line kinds', async () => {
    const p = io();
    (p.stdin as PassThrough).end('s3cret\n');
    expect(await readValue({ stdin: true, kind: 'password' }, p)).toBe('s3cret');
    const q = io();
    (q.stdin as PassThrough).end('line1\nline2\n');
    expect(await readValue({ stdin: true, kind: 'kubeconfig' }, q)).toBe('line1\nline2\n');
    fx = await openVault();
    const f = path.join(fx.dir, 'tok');
    fs.writeFileSync(f, 'abc\r\n');
    expect(await readValue({ file: f, stdin: false, kind: 'token' }, io())).toBe('abc');
    fs.writeFileSync(f, '\n');
    await expect(readValue({ file: f, stdin: false, kind: 'token' }, io())).rejects.toThrow(/empty/);
  });

  it('prompts on a terminal with echo off, and from the environment without one', async () => {
    expect(await readPassphrase({ envVar: 'P', what: 'master passphrase', io: io({ env: { P: 'from-env' } }) })).toBe(
      'from-env',
    );
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (on: boolean) => void };
    const modes: boolean[] = [];
    stdin.isTTY = true;
    stdin.setRawMode = (on) => void modes.push(on);
    const stderr = new PassThrough();
    let shown = '';
    stderr.on('data', (d) => (shown += d.toString()));
    const pending = readPassphrase({
      envVar: 'P',
      what: 'master passphrase',
      confirm: true,
      io: io({ stdin, stderr }),
    });
    stdin.write('typo\u007f\u007f\u007f\u007fsecret-pass\r');
    await new Promise((r) => setTimeout(r, 10));
    stdin.write('secret-pass\r');
    expect(await pending).toBe('secret-pass');
    expect(modes).toEqual([true, false, true, false]);
    expect(shown).not.toContain('secret');
    expect(shown).toContain('Master passphrase: ');
  });
});
