import { CliError, out, parse, workspaceOption, noPositionals } from '../../common';
import { withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault lock [--workspace PATH]

Locks the vault and forgets any unlock remembered on this device.`;

export async function lockCore(call: VaultCall, print: Print): Promise<number> {
  const before = await call('vault.status');
  if (!before.initialized) throw new CliError('This workspace has no vault (opsroom vault init creates one).', 1);
  await call('vault.forget');
  await call('vault.lock');
  print(
    before.remember.remembered
      ? 'vault locked; the unlock remembered on this device is forgotten.'
      : 'vault locked; no unlock was remembered on this device.',
  );
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'vault lock');
  return withVault(values.workspace, (call) => lockCore(call, out));
}
