import { out, parse, workspaceOption, noPositionals } from '../../common';
import { readPassphrase } from './passphrase';
import { passphraseEnv, unlockFor, withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault unlock [--workspace PATH]

Checks the master passphrase (from ${passphraseEnv} or the terminal). Each
opsroom command runs in its own process, so nothing stays unlocked afterwards:
every command that needs the vault asks again or reads ${passphraseEnv}.`;

export async function unlockCore(call: VaultCall, passphrase: string, print: Print): Promise<number> {
  await unlockFor(call, passphrase);
  const s = await call('vault.lock');
  print(`passphrase accepted: the vault opens (${s.secrets} secret(s)).`);
  print(
    `Each opsroom command is its own process and locks the vault when it ends; commands that need it ask for the passphrase again or read ${passphraseEnv}.`,
  );
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'vault unlock');
  const passphrase = await readPassphrase({ envVar: passphraseEnv, what: 'master passphrase' });
  return withVault(values.workspace, (call) => unlockCore(call, passphrase, out));
}
