import fs from 'node:fs';
import path from 'node:path';
import { CliError, out, parse, workspaceOption, noPositionals } from '../../common';
import { readPassphrase } from './passphrase';
import { exportPassphraseEnv, passphraseEnv, unlockFor, withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault export --out FILE [--workspace PATH]

Writes every secret into one file encrypted with its own export passphrase
(${exportPassphraseEnv} or asked twice), to carry into an air-gapped room.
Needs the master passphrase (${passphraseEnv} or the terminal). An existing
FILE is never overwritten.`;

export async function exportCore(
  call: VaultCall,
  o: { out: string; passphrase: string; exportPassphrase: string },
  print: Print,
): Promise<number> {
  await unlockFor(call, o.passphrase);
  const r = await call('vault.export', { exportPassphrase: o.exportPassphrase });
  const file = path.resolve(o.out);
  try {
    fs.writeFileSync(file, r.content, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliError(`${file} already exists; choose another --out.`, 1);
    throw e;
  }
  print(`exported ${r.secrets} secret(s) to ${file}`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, out: { type: 'string' } });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'vault export');
  if (!values.out) throw new CliError('--out FILE is required. See opsroom vault export --help.');
  if (fs.existsSync(values.out))
    throw new CliError(`${path.resolve(values.out)} already exists; choose another --out.`);
  const passphrase = await readPassphrase({ envVar: passphraseEnv, what: 'master passphrase' });
  const exportPassphrase = await readPassphrase({
    envVar: exportPassphraseEnv,
    what: 'export passphrase',
    confirm: true,
  });
  return withVault(values.workspace, (call) =>
    exportCore(call, { out: values.out!, passphrase, exportPassphrase }, out),
  );
}
