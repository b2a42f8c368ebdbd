import { Combobox, Textarea, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { QuerySource } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import { applyCompletion, completionContext, rankCandidates, type CompletionContext } from './autocomplete';

interface Props {
  value: string;
  onChange(expr: string): void;
  /** where label names and values come from; null = no completion */
  source: QuerySource | null;
  label?: string;
  error?: string | null;
  testId?: string;
}

/** Main's answer to one lookup, kept while the editor is open: label lists change slowly. */
type Lookup = { key: string; load: () => Promise<string[]> };

function lookupFor(ctx: CompletionContext, source: QuerySource): Lookup {
  const s = JSON.stringify(source);
  if (ctx.kind === 'metric') {
    return { key: `${s}|__name__`, load: () => client.call('monitoring.labels.values', { source, label: '__name__' }) };
  }
  const match = ctx.metric ? ctx.metric : undefined;
  if (ctx.kind === 'label-name') {
    return {
      key: `${s}|names|${match ?? ''}`,
      load: async () =>
        (await client.call('monitoring.labels.names', { source, match })).filter((n) => n !== '__name__'),
    };
  }
  return {
    key: `${s}|values|${ctx.label}|${match ?? ''}`,
    load: () => client.call('monitoring.labels.values', { source, label: ctx.label, match }),
  };
}

/**
 * A PromQL expression box that completes metric names, label names and
 * label values from the query's source as you type (Enter or a click takes
 * the highlighted one; Escape closes the list).
 */
export function ExprInput({ value, onChange, source, label, error, testId }: Props) {
  const combobox = useCombobox();
  const ref = useRef<HTMLTextAreaElement>(null);
  const cache = useRef(new Map<string, Promise<string[]>>());
  const [cursor, setCursor] = useState(value.length);
  const [options, setOptions] = useState<string[]>([]);
  const [pending, setPending] = useState<{ expr: string; cursor: number } | null>(null);
  const [debounced] = useDebouncedValue(`${cursor}\u0000${value}`, 120);

  const ctx = completionContext(value, cursor);
  useEffect(() => {
    const sep = debounced.indexOf('\u0000');
    const at = Number(debounced.slice(0, sep));
    const text = debounced.slice(sep + 1);
    const c = completionContext(text, at);
    if (!c || !source) {
      setOptions([]);
      return;
    }
    let live = true;
    const l = lookupFor(c, source);
    let p = cache.current.get(l.key);
    if (!p) {
      p = l.load().catch(() => []);
      cache.current.set(l.key, p);
    }
    void p.then((all) => {
      if (!live) return;
      const ranked = rankCandidates(all, c.prefix).filter((o) => o !== c.prefix || c.kind === 'label-value');
      setOptions(ranked);
      if (ranked.length && document.activeElement === ref.current) combobox.openDropdown();
      else combobox.closeDropdown();
    });
    return () => {
      live = false;
    };
    // combobox is a new object each render; its methods are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced, source]);

  // Put the caret where the completion ended, once React has rendered the new text.
  useEffect(() => {
    if (!pending || pending.expr !== value || !ref.current) return;
    ref.current.focus();
    ref.current.setSelectionRange(pending.cursor, pending.cursor);
    setCursor(pending.cursor);
    setPending(null);
  }, [pending, value]);

  const track = () => setCursor(ref.current?.selectionStart ?? value.length);

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(v) => {
        if (!ctx) return;
        const next = applyCompletion(value, cursor, ctx, v);
        onChange(next.expr);
        setPending(next);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target targetType="input">
        <Textarea
          ref={ref}
          label={label}
          autosize
          minRows={2}
          maxRows={8}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          data-testid={testId}
          placeholder='rate(node_cpu_seconds_total{mode!="idle", instance=~"$host_address_re(:[0-9]+)?"}[$__rate_interval])'
          value={value}
          error={error ?? undefined}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            setCursor(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
          }}
          onKeyUp={track}
          onClick={track}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={options.length === 0} data-testid={testId ? `${testId}-suggestions` : undefined}>
        <Combobox.Options mah={220} style={{ overflowY: 'auto' }}>
          {options.map((o) => (
            <Combobox.Option
              value={o}
              key={o}
              style={{ fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 }}
            >
              {o}
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
