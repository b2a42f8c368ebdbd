import fs from 'node:fs';
import { secretKinds, type SecretKind } from '../../../../shared/api/vault';
import { CliError, out, parse, workspaceOption } from '../../common';
import { formatSecret } from './format';
import { processIO, promptHidden, readPassphrase, type PromptIO } from './passphrase';
import { passphraseEnv, unlockFor, withVault, type Print, type VaultCall } from './session';

export const help = `Usage: opsroom vault add --name N --kind KIND (--file PATH | --stdin)
                         [--key-passphrase-env VAR] [--notes TEXT] [--workspace PATH]

Seals a new secret. KIND is one of ${secretKinds.join(', ')}. The value is read
from a file or from stdin, never from the command line. An SSH key's own
passphrase is read from the environment variable named by --key-passphrase-env.
Needs the master passphrase (${passphraseEnv} or the terminal).`;

const MAX_VALUE = 1024 * 1024;

export interface AddOptions {
  name: string;
  kind: SecretKind;
  value: string;
  keyPassphrase?: string;
  notes?: string;
  passphrase: string;
}

export async function addCore(call: VaultCall, o: AddOptions, print: Print): Promise<number> {
  await unlockFor(call, o.passphrase);
  const meta = await call('vault.secrets.create', {
    name: o.name,
    kind: o.kind,
    value: o.value,
    notes: o.notes ?? '',
    ...(o.keyPassphrase ? { keyPassphrase: o.keyPassphrase } : {}),
  });
  print(`added ${formatSecret(meta)}`);
  return 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > MAX_VALUE) throw new CliError('The secret on stdin is larger than 1 MiB.');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The value comes from a file or stdin; one-line kinds lose the newline `echo` adds. */
export async function readValue(
  o: { file?: string; stdin: boolean; kind: SecretKind },
  io: PromptIO = processIO,
): Promise<string> {
  let value: string;
  if (o.file !== undefined) {
    let size: number;
    try {
      size = fs.statSync(o.file).size;
    } catch {
      throw new CliError(`There is no file at ${o.file}.`, 1);
    }
    if (size > MAX_VALUE) throw new CliError(`${o.file} is larger than 1 MiB; a secret is at most 1 MiB.`);
    value = fs.readFileSync(o.file, 'utf8');
  } else if (io.stdin.isTTY) {
    value = await promptHidden(io.stdin, io.stderr, 'Secret value: ');
  } else {
    value = await readAll(io.stdin);
  }
  if (o.kind === 'password' || o.kind === 'token') value = value.replace(/\r?\n$/, '');
  if (!value) throw new CliError('The secret is empty.');
  return value;
}

export async function run(args: string[], io: PromptIO = processIO): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    name: { type: 'string' },
    kind: { type: 'string' },
    file: { type: 'string' },
    stdin: { type: 'boolean' },
    'key-passphrase-env': { type: 'string' },
    notes: { type: 'string' },
  });
  if (values.help) return (out(help), 0);
  if (positionals.length) {
    throw new CliError(
      `Unexpected argument "${positionals[0]}": the secret is read from --file or --stdin, never from the command line.`,
    );
  }
  if (!values.name) throw new CliError('--name is required. See opsroom vault add --help.');
  const kind = values.kind as SecretKind | undefined;
  if (!kind || !secretKinds.includes(kind)) throw new CliError(`--kind must be one of ${secretKinds.join(', ')}.`);
  if ((values.file === undefined) === !values.stdin) throw new CliError('Give exactly one of --file PATH or --stdin.');
  let keyPassphrase: string | undefined;
  const envName = values['key-passphrase-env'];
  if (envName !== undefined) {
    keyPassphrase = io.env[envName];
    if (!keyPassphrase) throw new CliError(`The environment variable ${envName} (--key-passphrase-env) is not set.`);
  }
  const value = await readValue({ file: values.file, stdin: Boolean(values.stdin), kind }, io);
  const passphrase = await readPassphrase({ envVar: passphraseEnv, what: 'master passphrase', io });
  return withVault(values.workspace, (call) =>
    addCore(call, { name: values.name!, kind, value, keyPassphrase, notes: values.notes, passphrase }, out),
  );
}
