/**
 * Which rows are ticked. 'some' lists the chosen ids; 'all' means every row the
 * query matches except the listed ones, so "select all" over 100k rows costs nothing
 * until an action needs the ids.
 */
export interface Selection {
  mode: 'some' | 'all';
  ids: ReadonlySet<string>;
  /** the row index of the last plain click, for shift-click ranges */
  anchor: number | null;
}

export const emptySelection: Selection = { mode: 'some', ids: new Set(), anchor: null };

export function isSelected(s: Selection, id: string): boolean {
  return s.mode === 'all' ? !s.ids.has(id) : s.ids.has(id);
}

export function selectedCount(s: Selection, total: number): number {
  return s.mode === 'all' ? Math.max(0, total - s.ids.size) : s.ids.size;
}

function flip(s: Selection, id: string, on: boolean): Set<string> {
  const ids = new Set(s.ids);
  // In 'all' mode the set holds exclusions, so "on" removes from it.
  const add = s.mode === 'all' ? !on : on;
  if (add) ids.add(id);
  else ids.delete(id);
  return ids;
}

export function toggleRow(s: Selection, id: string, index: number): Selection {
  return { ...s, ids: flip(s, id, !isSelected(s, id)), anchor: index };
}

/** Shift-click: sets every loaded row between the anchor and `index` to the clicked row's new state. */
export function selectRange(s: Selection, index: number, idAt: (i: number) => string | undefined): Selection {
  if (s.anchor === null) {
    const id = idAt(index);
    return id === undefined ? s : toggleRow(s, id, index);
  }
  const clicked = idAt(index);
  const on = clicked === undefined ? true : !isSelected(s, clicked);
  const [a, b] = s.anchor <= index ? [s.anchor, index] : [index, s.anchor];
  let next: Selection = s;
  for (let i = a; i <= b; i++) {
    const id = idAt(i);
    if (id !== undefined) next = { ...next, ids: flip(next, id, on) };
  }
  return { ...next, anchor: index };
}

export function selectAllMatching(): Selection {
  return { mode: 'all', ids: new Set(), anchor: null };
}

/** The ids an action should touch, given every id the query matches (only needed in 'all' mode). */
export function resolveIds(s: Selection, allMatching: readonly string[]): string[] {
  return s.mode === 'all' ? allMatching.filter((id) => !s.ids.has(id)) : [...s.ids];
}
