import type { Labels } from '../../../shared/api/monitoring-model';
import type { Db } from '../../store/migration';
import type { LabelMatcher } from './promql/ast';
import { labelRegex } from './promql/regex';
import { canonicalLabels, seriesKey } from './labels';

export interface SeriesRef {
  id: number;
  /** canonical: sorted, no empty values, `__name__` included */
  labels: Labels;
}

/**
 * Every series' labels, in memory: selection by matchers and the label
 * autocompletion lists never touch the database. Rows in local_series are
 * the source of truth and are loaded once.
 */
export class SeriesIndex {
  private readonly byKey = new Map<string, SeriesRef>();
  private readonly byId = new Map<number, SeriesRef>();
  private readonly byName = new Map<string, Set<SeriesRef>>();
  /**
   * Labels as written (JSON in their own key order) → series: the append
   * path's shortcut past validating and sorting. Bounded: a writer that
   * shuffles its label order cannot grow it past twice the series (plus
   * slack); when full it is emptied and refills from the next appends.
   */
  private readonly byWritten = new Map<string, SeriesRef>();
  private readonly insert;
  private readonly remove;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO local_series (metric, labels) VALUES (?, ?)');
    this.remove = db.prepare('DELETE FROM local_series WHERE id = ?');
    this.reload();
  }

  /**
   * Forgets everything and reads local_series again: after a workspace
   * restore the same labels may have another id, and an id another series.
   */
  reload(): void {
    this.byKey.clear();
    this.byId.clear();
    this.byName.clear();
    this.byWritten.clear();
    const rows = this.db.prepare('SELECT id, labels FROM local_series').all() as { id: number; labels: string }[];
    for (const r of rows) this.add({ id: r.id, labels: JSON.parse(r.labels) as Labels }, r.labels);
  }

  get size(): number {
    return this.byId.size;
  }

  /** entries in the key-order shortcut (tests check its bound) */
  get shortcuts(): number {
    return this.byWritten.size;
  }

  private add(ref: SeriesRef, key: string): void {
    this.byKey.set(key, ref);
    this.byId.set(ref.id, ref);
    const name = ref.labels.__name__;
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(ref);
  }

  get(id: number): SeriesRef | undefined {
    return this.byId.get(id);
  }

  /**
   * The series of a label set seen before in exactly this key order, or
   * undefined. A collector writes the same object shape every scrape, so
   * this skips sorting and validating labels on all but the first sample.
   */
  known(labels: unknown): SeriesRef | undefined {
    const key = writtenKey(labels);
    return key === null ? undefined : this.byWritten.get(key);
  }

  private remember(key: string, ref: SeriesRef): void {
    if (this.byWritten.size >= WRITTEN_SLACK + 2 * this.byId.size) this.byWritten.clear();
    this.byWritten.set(key, ref);
  }

  /** The series with these (valid) labels, created (a row in local_series) the first time; call inside a transaction. */
  getOrCreate(labels: Labels): SeriesRef {
    const key = seriesKey(labels);
    let ref = this.byKey.get(key);
    if (!ref) {
      const canonical = canonicalLabels(labels);
      const id = Number(this.insert.run(canonical.__name__, key).lastInsertRowid);
      ref = { id, labels: canonical };
      this.add(ref, key);
    }
    const written = writtenKey(labels);
    if (written !== null && !this.byWritten.has(written)) this.remember(written, ref);
    return ref;
  }

  /** Forgets a series whose data is all gone (its chunks, blocks and head already deleted). */
  delete(id: number): void {
    const ref = this.byId.get(id);
    if (!ref) return;
    this.remove.run(id);
    this.byId.delete(id);
    this.byKey.delete(seriesKey(ref.labels));
    this.byName.get(ref.labels.__name__)?.delete(ref);
    // Rare (retention forgetting empty series): refilling the shortcut is cheaper than indexing it by series.
    this.byWritten.clear();
  }

  all(): IterableIterator<SeriesRef> {
    return this.byId.values();
  }

  /** Prometheus matching: a label a series does not have matches as the empty string. */
  select(matchers: readonly LabelMatcher[]): SeriesRef[] {
    const byName = matchers.find((m) => m.name === '__name__' && m.op === '=');
    const candidates = byName ? (this.byName.get(byName.value) ?? new Set<SeriesRef>()) : this.byId.values();
    const tests = matchers.map(compile);
    const out: SeriesRef[] = [];
    for (const ref of candidates) if (tests.every((t) => t(ref.labels))) out.push(ref);
    return out.sort((a, b) => a.id - b.id);
  }
}

const WRITTEN_SLACK = 1024;

/**
 * The labels as JSON in the object's own key order, or null unless every
 * value is a string. JSON quotes each name and value, so two different label
 * sets never share a key (a separator character could occur in a value and
 * join two series). An object with its own toJSON is not what it serializes
 * to: it takes the full path.
 */
function writtenKey(labels: unknown): string | null {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return null;
  const l = labels as Record<string, unknown>;
  if (typeof l.toJSON === 'function') return null;
  for (const k of Object.keys(l)) if (typeof l[k] !== 'string') return null;
  return JSON.stringify(l);
}

function compile(m: LabelMatcher): (l: Labels) => boolean {
  const get = (l: Labels) => l[m.name] ?? '';
  switch (m.op) {
    case '=':
      return (l) => get(l) === m.value;
    case '!=':
      return (l) => get(l) !== m.value;
    case '=~': {
      const re = labelRegex(m.value);
      return (l) => re.test(get(l));
    }
    case '!~': {
      const re = labelRegex(m.value);
      return (l) => !re.test(get(l));
    }
  }
}
