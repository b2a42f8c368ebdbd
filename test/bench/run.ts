import { benchAuditAppend } from './audit-append';
import { machineFacts, printTable } from './table';
import { benchWebStart } from './web-start';

/** `npm run bench`: each figure printed beside its peer from the same run on the same machine. */
async function main(): Promise<void> {
  console.log(`Opsroom benchmarks — ${machineFacts()}`);
  printTable('Audit chain (temp files, WAL, synchronous=NORMAL)', benchAuditAppend());
  printTable('Web mode start to interactive (real opsroom serve + Chromium)', await benchWebStart());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
