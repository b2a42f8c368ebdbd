import fs from 'node:fs';
import { CliError, out, parse, workspaceOption } from '../../common';
import { readPassphrase } from './passphrase';
import { exportPassphraseEnv, passphraseEnv, unlockFor, withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault import FILE [--on-conflict skip|replace|keep-both] [--workspace PATH]

Imports the secrets of an export file. A secret whose name already exists is
skipped (default), replaced, or kept beside the existing one with a new name.
Reads the export passphrase from ${exportPassphraseEnv} and the master
passphrase from ${passphraseEnv}, or asks on the terminal.`;

const conflicts = ['skip', 'replace', 'keep-both'] as const;
type OnConflict = (typeof conflicts)[number];
const MAX_FILE = 64 * 1024 * 1024;

export async function importCore(
  call: VaultCall,
  o: { content: string; onConflict: OnConflict; passphrase: string; exportPassphrase: string },
  print: Print,
): Promise<number> {
  await unlockFor(call, o.passphrase);
  const r = await call('vault.import', {
    content: o.content,
    exportPassphrase: o.exportPassphrase,
    onConflict: o.onConflict,
  });
  print(`imported ${r.imported}, replaced ${r.replaced}, skipped ${r.skipped}`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, 'on-conflict': { type: 'string' } });
  if (values.help) return (out(help), 0);
  if (positionals.length !== 1) throw new CliError('Name one export FILE. See opsroom vault import --help.');
  const onConflict = (values['on-conflict'] ?? 'skip') as OnConflict;
  if (!conflicts.includes(onConflict)) throw new CliError(`--on-conflict must be one of ${conflicts.join(', ')}.`);
  const file = positionals[0]!;
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`There is no file at ${file}.`, 1);
  }
  if (size > MAX_FILE) throw new CliError(`${file} is larger than 64 MiB; it is not a vault export.`);
  const content = fs.readFileSync(file, 'utf8');
  const exportPassphrase = await readPassphrase({ envVar: exportPassphraseEnv, what: 'export passphrase' });
  const passphrase = await readPassphrase({ envVar: passphraseEnv, what: 'master passphrase' });
  return withVault(values.workspace, (call) =>
    importCore(call, { content, onConflict, passphrase, exportPassphrase }, out),
  );
}
