import { create } from 'zustand';
import { defaultColumns } from './columns';
import { type Filter, type Sort, defaultSort, emptyFilter } from './query-chips';
import { type Selection, emptySelection } from './selection';

/** The inventory's view state, kept while a CI is open so coming back finds the same list. */
interface InventoryStore {
  filter: Filter;
  sort: Sort;
  columns: string[];
  selection: Selection;
  /** the saved view last applied, if the state still matches it */
  viewId: string | null;
  scrollTop: number;
  setFilter(filter: Filter): void;
  setSort(sort: Sort): void;
  setColumns(columns: string[]): void;
  setSelection(selection: Selection): void;
  applyView(id: string | null, filter: Filter, sort: Sort, columns: string[]): void;
  setScrollTop(top: number): void;
}

export const useInventory = create<InventoryStore>((set) => ({
  filter: emptyFilter,
  sort: defaultSort,
  columns: [...defaultColumns],
  selection: emptySelection,
  viewId: null,
  scrollTop: 0,
  // A different query selects different rows: the selection does not carry over.
  setFilter: (filter) => set({ filter, selection: emptySelection, scrollTop: 0 }),
  setSort: (sort) => set({ sort, scrollTop: 0 }),
  setColumns: (columns) => set({ columns }),
  setSelection: (selection) => set({ selection }),
  applyView: (viewId, filter, sort, columns) =>
    set({ viewId, filter, sort, columns, selection: emptySelection, scrollTop: 0 }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));
