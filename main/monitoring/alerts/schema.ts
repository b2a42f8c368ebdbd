import type { Migration } from '../../store/migration';

/**
 * Alert rules, their current alerts, every transition, and silences (migration 13).
 *
 * `alert_instances` holds the state machine's memory per rule and label set
 * (pending with its activeAt, firing, resolved kept for a while) so that a
 * restart resumes a `for` countdown instead of starting it again — what
 * Prometheus does by restoring ALERTS_FOR_STATE. Events carry the rule's name
 * and labels by value and have no foreign key: history outlives the rule.
 */
export const alertsMigrations: Migration[] = [
  {
    version: 13,
    name: 'monitoring-alerts',
    up(db) {
      db.exec(`
        CREATE TABLE alert_rules (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          source TEXT NOT NULL,
          expr TEXT NOT NULL,
          op TEXT,
          threshold REAL,
          for_ms INTEGER NOT NULL CHECK (for_ms >= 0),
          keep_firing_for_ms INTEGER NOT NULL CHECK (keep_firing_for_ms >= 0),
          interval_ms INTEGER NOT NULL CHECK (interval_ms > 0),
          labels TEXT NOT NULL DEFAULT '{}',
          annotations TEXT NOT NULL DEFAULT '{}',
          enabled INTEGER NOT NULL DEFAULT 1,
          last_eval_at INTEGER,
          last_eval_ms REAL,
          last_error TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );

        CREATE TABLE alert_instances (
          rule_id TEXT NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
          fingerprint TEXT NOT NULL,
          labels TEXT NOT NULL,
          annotations TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'inactive')),
          value REAL,
          active_at INTEGER NOT NULL,
          fired_at INTEGER,
          resolved_at INTEGER,
          keep_firing_since INTEGER,
          PRIMARY KEY (rule_id, fingerprint)
        ) WITHOUT ROWID;
        CREATE INDEX alert_instances_state ON alert_instances (state);

        CREATE TABLE alert_events (
          id INTEGER PRIMARY KEY,
          rule_id TEXT NOT NULL,
          rule_name TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          labels TEXT NOT NULL,
          from_state TEXT NOT NULL,
          to_state TEXT NOT NULL,
          value REAL,
          at INTEGER NOT NULL,
          silenced INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX alert_events_rule ON alert_events (rule_id, id);
        CREATE INDEX alert_events_at ON alert_events (at);

        CREATE TABLE alert_silences (
          id TEXT PRIMARY KEY,
          matchers TEXT NOT NULL,
          starts_at INTEGER NOT NULL,
          ends_at INTEGER NOT NULL,
          comment TEXT NOT NULL,
          created_by TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX alert_silences_ends ON alert_silences (ends_at);
      `);
    },
  },
];
