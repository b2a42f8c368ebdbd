import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { SettingsService } from '../../settings/service';
import type { Db } from '../../store/migration';

export interface AlertRetentionOptions {
  /** the pass runs at most this often */
  everyMs?: number;
  /** rows removed per transaction */
  batch?: number;
}

const DAY = 86_400_000;

/**
 * Keeps the alert history bounded: a flapping rule writes an event on every
 * transition and expired silences are kept for reference, so without this the
 * workspace only grows. Removes events older than 'monitoring.alertHistoryDays'
 * and silences that ended longer ago than that. The current alerts
 * (alert_instances) are the state machine's memory and are never touched here.
 */
export class AlertRetention {
  private lastRun = -Infinity;
  private readonly everyMs: number;
  private readonly batch: number;

  constructor(
    private readonly d: { db: Db; clock: Clock; settings: Pick<SettingsService, 'get'>; logger: Logger },
    o: AlertRetentionOptions = {},
  ) {
    this.everyMs = o.everyMs ?? 5 * 60_000;
    this.batch = o.batch ?? 5000;
  }

  /** Runs the pass if it is due. Never throws: a failed pass is logged and tried again next interval. */
  async tick(): Promise<void> {
    const now = this.d.clock.now();
    if (now - this.lastRun < this.everyMs) return;
    // Set before the first await so an overlapping tick does not start a second pass.
    this.lastRun = now;
    try {
      const days = this.d.settings.get()['monitoring.alertHistoryDays'];
      const before = now - days * DAY;
      // SQLite here is built without DELETE … LIMIT, hence the rowid sub-select.
      const events = await this.drain(
        'DELETE FROM alert_events WHERE id IN (SELECT id FROM alert_events WHERE at < ? ORDER BY at LIMIT ?)',
        before,
      );
      const silences = await this.drain(
        'DELETE FROM alert_silences WHERE rowid IN (SELECT rowid FROM alert_silences WHERE ends_at < ? ORDER BY ends_at LIMIT ?)',
        before,
      );
      if (events || silences) {
        this.d.logger.child('alerts').info('alert history retention', { events, silences, olderThanDays: days });
      }
    } catch (e) {
      this.d.logger
        .child('alerts')
        .error('alert history retention failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Deletes in short statements until fewer than a batch remain, yielding between them. */
  private async drain(sql: string, before: number): Promise<number> {
    const stmt = this.d.db.prepare<[number, number]>(sql);
    let removed = 0;
    for (;;) {
      const n = stmt.run(before, this.batch).changes;
      removed += n;
      if (n < this.batch) return removed;
      // Let RPC calls and the other parts' ticks in between batches of a large backlog.
      await new Promise((r) => setImmediate(r));
    }
  }
}
