// `opsroom lab` as its own process (the lead wires the same command into main/cli/index.ts).
import { labCommand } from '../../../main/cli/commands/lab';

process.exitCode = await labCommand.run(process.argv.slice(2));
process.exit();
