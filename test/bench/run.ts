import { benchAuditAppend } from './audit-append';
import { benchChartPaint } from './chart-paint';
import { benchCmdbImport } from './cmdb-import';
import { benchCmdbQuery } from './cmdb-query';
import { benchInventoryView } from './inventory-view';
import { benchMonitoringTsdb } from './monitoring-tsdb';
import { benchSshBatch } from './ssh-batch';
import { realBenchPool } from './ssh-batch-pool';
import { machineFacts, printTable } from './table';
import { benchWebStart } from './web-start';

/** `npm run bench`: each figure printed beside its peer from the same run on the same machine. */
async function main(): Promise<void> {
  console.log(`Opsroom benchmarks — ${machineFacts()}`);
  printTable('Audit chain (temp files, WAL, synchronous=NORMAL)', benchAuditAppend());
  printTable('Web mode start to interactive (real opsroom serve + Chromium)', await benchWebStart());
  printTable('CMDB import, 100,000 CIs from CSV', await benchCmdbImport());
  printTable('CMDB queries on 100,000 CIs / 300,000 relations', await benchCmdbQuery());
  printTable('Inventory view in Chromium (real opsroom serve), 100,000 CIs beside 1,000', await benchInventoryView());
  printTable(
    'Batch SSH: uname -a on 50 targets, then 1,000 with 10% dead or hanging',
    await benchSshBatch({ pool: realBenchPool }),
  );
  printTable('Local time series (a month, 5 host series) beside Prometheus 2.42', await benchMonitoringTsdb());
  printTable('A 1M-sample series from query to painted chart (real opsroom serve + Chromium)', await benchChartPaint());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
