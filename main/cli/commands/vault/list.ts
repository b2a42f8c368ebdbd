import { out, parse, workspaceOption, noPositionals } from '../../common';
import { formatSecret } from './format';
import { withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault list [--json] [--workspace PATH]

Lists the vault's secrets as metadata (name, kind, fingerprint, users); never
their values. Works while the vault is locked.`;

export async function listCore(call: VaultCall, json: boolean, print: Print): Promise<number> {
  const { secrets } = await call('vault.secrets.list', {});
  if (json) print(JSON.stringify(secrets, null, 2));
  else if (!secrets.length) print('no secrets');
  else for (const s of secrets) print(formatSecret(s));
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, json: { type: 'boolean' } });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'vault list');
  return withVault(values.workspace, (call) => listCore(call, Boolean(values.json), out));
}
