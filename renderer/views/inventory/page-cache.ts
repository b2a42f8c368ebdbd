import type { Ci } from '../../../shared/api/cmdb-model';

export const pageSize = 500;

export type FetchPage = (offset: number, limit: number) => Promise<{ items: Ci[]; total: number }>;

/** The page numbers that cover rows [start, end] (inclusive). */
export function pagesForRange(start: number, end: number, size = pageSize): number[] {
  if (end < start || end < 0) return [];
  const first = Math.floor(Math.max(0, start) / size);
  const last = Math.floor(end / size);
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}

/**
 * Rows of one (query, sort) fetched in pages as they scroll into view. Only
 * visible pages are asked for, each at most once at a time; a reply from before
 * a reset is dropped so a slow page cannot paint rows of an older query. A
 * refresh keeps the old rows on screen until their replacement arrives.
 */
export class PageCache {
  private pages = new Map<number, Ci[]>();
  private stale = new Map<number, Ci[]>();
  private inflight = new Set<number>();
  private generation = 0;
  private lastRange: [number, number] = [0, 0];
  total: number | null = null;
  error: string | null = null;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly onChange: () => void,
    private readonly size = pageSize,
    private readonly maxPages = 40,
  ) {}

  get(index: number): Ci | undefined {
    const p = Math.floor(index / this.size);
    const page = this.pages.get(p) ?? this.stale.get(p);
    return page?.[index - p * this.size];
  }

  loadedPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** Asks for every page of rows [start, end] not held or on its way. */
  ensure(start: number, end: number): void {
    this.lastRange = [start, end];
    const limit = this.total === null ? end : Math.min(end, this.total - 1);
    const wanted =
      this.total === null
        ? pagesForRange(start, Math.max(end, start), this.size)
        : pagesForRange(start, limit, this.size);
    for (const p of wanted) {
      if (this.pages.has(p) || this.inflight.has(p)) continue;
      this.load(p);
    }
  }

  /** A new query or sort: forget everything. */
  reset(): void {
    this.generation++;
    this.pages.clear();
    this.stale.clear();
    this.inflight.clear();
    this.total = null;
    this.error = null;
    this.onChange();
  }

  /** The data changed underneath: refetch what is visible, keep showing old rows meanwhile. */
  refresh(): void {
    this.generation++;
    for (const [p, rows] of this.pages) this.stale.set(p, rows);
    this.pages.clear();
    this.inflight.clear();
    this.ensure(...this.lastRange);
  }

  private load(p: number): void {
    const gen = this.generation;
    this.inflight.add(p);
    this.fetchPage(p * this.size, this.size).then(
      (r) => {
        if (gen !== this.generation) return;
        this.inflight.delete(p);
        this.pages.set(p, r.items);
        this.stale.delete(p);
        const totalChanged = this.total !== r.total;
        this.total = r.total;
        this.error = null;
        if (totalChanged) this.stale.clear();
        this.evict(p);
        this.onChange();
      },
      (e: unknown) => {
        if (gen !== this.generation) return;
        this.inflight.delete(p);
        this.error = e instanceof Error ? e.message : String(e);
        this.onChange();
      },
    );
  }

  /** Bounds memory on long scrolls: drop the pages farthest from the one just loaded. */
  private evict(near: number): void {
    if (this.pages.size <= this.maxPages) return;
    const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
    for (const p of far.slice(0, this.pages.size - this.maxPages)) this.pages.delete(p);
  }
}
