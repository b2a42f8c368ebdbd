import { importResult } from '../../../shared/api/cmdb';
import type { Job } from '../../../shared/api/jobs';

/** The job's result read through the contract's schema; null until the job has one. */
export function readImportResult(job: Job) {
  const r = importResult.safeParse(job.result);
  return r.success ? r.data : null;
}
