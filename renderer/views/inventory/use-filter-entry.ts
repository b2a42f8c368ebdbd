import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { type ChipKind, type Filter, addChip, addFieldFilter, chipKindLabels, parseFieldFilter } from './query-chips';

/** The "Filter on" choices, in the order a view offers them. */
export function chipKindOptions(order: readonly ChipKind[]): { value: ChipKind; label: string }[] {
  return order.map((value) => ({ value, label: chipKindLabels[value] }));
}

/**
 * The search box's text, committed after `ms` of quiet; follows the outside value when it is replaced
 * (a saved view, a cleared draft).
 */
export function useDebouncedText(value: string, commit: (text: string) => void, ms: number) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, ms);
  useEffect(() => {
    if (debounced !== value) commit(debounced);
    // Only the debounced text drives this; the rest of the filter is read fresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => setText(value), [value]);
  return [text, setText] as const;
}

/**
 * The "Filter on / Value / Add" entry: turns what was typed into a chip on the filter, or says why not.
 * The complaint goes as soon as the kind or the value changes.
 */
export function useChipEntry(filter: Filter, onChange: (f: Filter) => void, initialKind: ChipKind) {
  const [kind, setKindState] = useState<ChipKind>(initialKind);
  const [entry, setEntryState] = useState('');
  const [entryError, setEntryError] = useState<string | null>(null);
  const setKind = (k: ChipKind) => (setKindState(k), setEntryError(null));
  const setEntry = (v: string) => (setEntryState(v), setEntryError(null));

  const add = (raw = entry) => {
    if (kind === 'field') {
      const ff = parseFieldFilter(raw);
      if (!ff) return setEntryError('Write key=value, key!=value, key~text, key>n, key<n or key?');
      onChange(addFieldFilter(filter, ff));
    } else {
      const next = addChip(filter, kind, raw);
      if (next === filter && raw.trim()) return setEntryError(`"${raw}" is not a valid ${kind}`);
      onChange(next);
    }
    setEntry('');
  };

  return { kind, setKind, entry, setEntry, entryError, add };
}
