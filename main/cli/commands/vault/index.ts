import * as add from './add';
import * as exportCmd from './export';
import * as importCmd from './import';
import * as init from './init';
import * as list from './list';
import * as lock from './lock';
import * as remove from './remove';
import * as unlock from './unlock';

interface Command {
  help: string;
  run(args: string[]): Promise<number>;
}

/** `opsroom vault VERB`: wired into main/cli/index.ts as the "vault" group. */
export const vaultCommands: Record<string, Command> = {
  init,
  unlock,
  lock,
  add: { help: add.help, run: (args) => add.run(args) },
  list,
  remove,
  export: exportCmd,
  import: importCmd,
};
