import fs from 'node:fs';
import tty from 'node:tty';
import { CliError } from '../../common';

export interface PromptIO {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  stderr: NodeJS.WritableStream;
  /** the controlling terminal when stdin is a pipe (e.g. `add --stdin`); null when there is none */
  openTty(): (NodeJS.ReadableStream & { setRawMode?: (on: boolean) => unknown; destroy?: () => void }) | null;
}

export const processIO: PromptIO = {
  env: process.env,
  stdin: process.stdin,
  stderr: process.stderr,
  openTty() {
    try {
      return new tty.ReadStream(fs.openSync('/dev/tty', 'r'));
    } catch {
      return null;
    }
  },
};

/** Reads one line from a terminal in raw mode, echoing nothing. */
export function promptHidden(
  input: NodeJS.ReadableStream & { setRawMode?: (on: boolean) => unknown },
  stderr: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(prompt);
    input.setRawMode?.(true);
    input.resume();
    const done = (err?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new CliError('cancelled', 130));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * A passphrase from the environment variable, or asked on the terminal with
 * echo off. Never from argv: it would sit in shell history and `ps`.
 */
export async function readPassphrase(opts: {
  envVar: string;
  what: string;
  confirm?: boolean;
  io?: PromptIO;
}): Promise<string> {
  const io = opts.io ?? processIO;
  const fromEnv = io.env[opts.envVar];
  if (fromEnv) return fromEnv;
  const input = io.stdin.isTTY ? io.stdin : io.openTty();
  if (!input) {
    throw new CliError(
      `No ${opts.what}: set ${opts.envVar} or run this command in a terminal so it can ask for it (it is never read from the command line).`,
    );
  }
  try {
    const first = await promptHidden(input, io.stderr, `${opts.what[0]!.toUpperCase()}${opts.what.slice(1)}: `);
    if (!first) throw new CliError(`The ${opts.what} is empty.`);
    if (opts.confirm) {
      const again = await promptHidden(input, io.stderr, `Repeat the ${opts.what}: `);
      if (again !== first) throw new CliError(`The two ${opts.what}s differ; nothing was changed.`);
    }
    return first;
  } finally {
    if (input !== io.stdin) (input as { destroy?: () => void }).destroy?.();
  }
}
