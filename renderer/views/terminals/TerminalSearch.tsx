import { ActionIcon, Group, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { TermHandle } from './term-handle';

const decorations = {
  matchOverviewRuler: '#888888',
  activeMatchColorOverviewRuler: '#ffaa00',
  matchBackground: '#665500',
  activeMatchBackground: '#aa7700',
};

/** Scrollback search (Ctrl+Shift+F): Enter finds the next match, Shift+Enter the previous. */
export function TerminalSearch({ handle, onClose }: { handle: TermHandle | undefined; onClose: () => void }) {
  const [q, setQ] = useState('');
  const next = (term = q) => term && handle?.search.findNext(term, { incremental: true, decorations });
  const prev = () => q && handle?.search.findPrevious(q, { decorations });
  const close = () => {
    handle?.search.clearDecorations();
    onClose();
    handle?.focus();
  };
  return (
    <Group gap={4} wrap="nowrap" data-testid="terminal-search">
      <TextInput
        size="xs"
        autoFocus
        placeholder="Search scrollback"
        value={q}
        data-testid="terminal-search-input"
        onChange={(e) => {
          setQ(e.currentTarget.value);
          next(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (e.shiftKey) prev();
            else next();
          }
          if (e.key === 'Escape') close();
        }}
      />
      <ActionIcon size="sm" variant="subtle" aria-label="Previous match" onClick={prev}>
        <IconArrowUp size={14} />
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" aria-label="Next match" onClick={() => next()}>
        <IconArrowDown size={14} />
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" aria-label="Close search" onClick={close}>
        <IconX size={14} />
      </ActionIcon>
    </Group>
  );
}
