import { OpsError } from '../../../../shared/api/errors';
import { CliError, out, parse, workspaceOption } from '../../common';
import { readPassphrase } from './passphrase';
import { passphraseEnv, unlockFor, withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault remove NAME|ID [--force] [--workspace PATH]

Deletes a secret. Refused while CIs use it, unless --force (their credential
is then cleared). Needs the master passphrase (${passphraseEnv} or the terminal).`;

export async function removeCore(
  call: VaultCall,
  opts: { ref: string; force: boolean; passphrase: string },
  print: Print,
): Promise<number> {
  const { secrets } = await call('vault.secrets.list', {});
  const target =
    secrets.find((s) => s.id === opts.ref) ?? secrets.find((s) => s.name.toLowerCase() === opts.ref.toLowerCase());
  if (!target) throw new OpsError('not_found', `There is no secret named or with id "${opts.ref}".`);
  await unlockFor(call, opts.passphrase);
  const r = await call('vault.secrets.delete', { id: target.id, force: opts.force });
  print(`deleted ${target.name} (${r.deleted})${r.detachedFrom ? `; cleared from ${r.detachedFrom} CI(s)` : ''}`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, force: { type: 'boolean' } });
  if (values.help) return (out(help), 0);
  if (positionals.length !== 1) throw new CliError('Name one secret (NAME or ID). See opsroom vault remove --help.');
  const passphrase = await readPassphrase({ envVar: passphraseEnv, what: 'master passphrase' });
  return withVault(values.workspace, (call) =>
    removeCore(call, { ref: positionals[0]!, force: Boolean(values.force), passphrase }, out),
  );
}
