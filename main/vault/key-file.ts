import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OpsError } from '../../shared/api/errors';

const MAX_KEY_FILE = 1024 * 1024;

/** Reads a private key file named the way ssh_config names it (~ allowed), refusing anything too big to be a key. */
export async function readKeyFile(file: string): Promise<{ path: string; text: string }> {
  const full = path.resolve(file.replace(/^~(?=$|[/\\])/, os.homedir()));
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(full);
  } catch {
    throw new OpsError('not_found', `There is no file at ${full}.`, { path: full });
  }
  if (!stat.isFile()) throw new OpsError('bad_input', `${full} is not a file.`, { path: full });
  if (stat.size > MAX_KEY_FILE) {
    throw new OpsError(
      'bad_input',
      `${full} is ${stat.size} bytes; a key file is at most 1 MiB, so this is not a key.`,
      {
        path: full,
      },
    );
  }
  return { path: full, text: await fs.promises.readFile(full, 'utf8') };
}
