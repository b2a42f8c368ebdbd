import { out, parse, workspaceOption, noPositionals } from '../../common';
import { formatStatus } from './format';
import { readPassphrase } from './passphrase';
import { passphraseEnv, withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault init [--workspace PATH]

Creates the workspace's credential vault with a master passphrase (at least 10
characters), read from ${passphraseEnv} or asked twice on the terminal.`;

export async function initCore(call: VaultCall, passphrase: string, print: Print): Promise<number> {
  const s = await call('vault.init', { passphrase });
  print(`vault created: ${formatStatus(s)}`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'vault init');
  const passphrase = await readPassphrase({ envVar: passphraseEnv, what: 'new master passphrase', confirm: true });
  return withVault(values.workspace, (call) => initCore(call, passphrase, out));
}
