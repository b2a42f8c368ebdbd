import { create } from 'zustand';
import type { CiRef } from '../../../shared/api/cmdb-model';
import type { TopicPayload } from '../../../shared/api/index';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { createKeyBatcher } from './key-batcher';
import { TermHandle } from './term-handle';
import { type BroadcastTab, base64ToBytes, writeTargets } from './terminal-pure';

export interface TermTab extends BroadcastTab {
  ciId: string;
  title: string;
  reason: string | null;
  recording: boolean;
  pane: 0 | 1;
}

interface TerminalsStore {
  tabs: TermTab[];
  /** the tab shown in each pane */
  active: [string | null, string | null];
  split: boolean;
  /** typing goes to every tab that receives broadcast input */
  broadcast: boolean;
  /** which pane has the search box open */
  searchPane: 0 | 1 | null;
  /** the pane last clicked: new terminals open there */
  focusPane: 0 | 1;
  open(ci: CiRef, record: boolean): Promise<void>;
  close(key: string): void;
  activate(pane: 0 | 1, key: string): void;
  toggleReceive(key: string): void;
  setSplit(on: boolean): void;
  setBroadcast(on: boolean): void;
  setSearchPane(p: 0 | 1 | null): void;
  moveToOtherPane(key: string): void;
}

// Live for the whole window: terminals stay open while the person looks at another view.
const handles = new Map<string, TermHandle>();
const bySession = new Map<string, string>();
/** data that arrived before ssh.terminal.open answered with its session id */
const early = new Map<string, Uint8Array[]>();
let feedStarted = false;
let nextKey = 1;

export function handleFor(key: string): TermHandle | undefined {
  return handles.get(key);
}

const batcher = createKeyBatcher({
  send: (ids, data) => void client.call('ssh.terminal.write', { ids, data }).catch(() => {}),
});

const resizeTimers = new Map<string, ReturnType<typeof setTimeout>>();
function sendSize(key: string) {
  const tab = useTerminals.getState().tabs.find((t) => t.key === key);
  const h = handles.get(key);
  if (!tab?.sessionId || tab.state !== 'open' || !h) return;
  clearTimeout(resizeTimers.get(key));
  const id = tab.sessionId;
  // A dragged splitter resizes many times a second; the remote side needs the last one.
  resizeTimers.set(
    key,
    setTimeout(() => {
      resizeTimers.delete(key);
      void client.call('ssh.terminal.resize', { id, cols: h.term.cols, rows: h.term.rows }).catch(() => {});
    }, 80),
  );
}

function patchTab(key: string, patch: Partial<TermTab>) {
  useTerminals.setState((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? { ...t, ...patch } : t)) }));
}

function onData(p: TopicPayload<'ssh.terminal.data'>) {
  const bytes = base64ToBytes(p.data);
  const key = bySession.get(p.id);
  if (key) return handles.get(key)?.write(bytes);
  const list = early.get(p.id) ?? [];
  list.push(bytes);
  early.set(p.id, list);
  // Sessions of other windows (web mode) are not ours: keep only a few.
  if (early.size > 32) early.delete(early.keys().next().value!);
}

function onState(p: TopicPayload<'ssh.terminal.state'>) {
  const key = bySession.get(p.id);
  if (!key) return;
  const was = useTerminals.getState().tabs.find((t) => t.key === key)?.state;
  patchTab(key, { state: p.state, reason: p.reason, recording: p.recording });
  if (p.state === 'open' && was !== 'open') sendSize(key);
  if (p.state === 'closed') {
    handles.get(key)?.writeText(`\r\n\x1b[31m[connection closed${p.reason ? `: ${p.reason}` : ''}]\x1b[0m\r\n`);
  }
}

function startFeed() {
  if (feedStarted) return;
  feedStarted = true;
  client.on('ssh.terminal.data', onData);
  client.on('ssh.terminal.state', onState);
}

function bind(key: string, sessionId: string) {
  bySession.set(sessionId, key);
  const h = handles.get(key);
  for (const b of early.get(sessionId) ?? []) h?.write(b);
  early.delete(sessionId);
}

function pickActive(tabs: TermTab[], pane: 0 | 1, current: string | null): string | null {
  if (current && tabs.some((t) => t.key === current && t.pane === pane)) return current;
  return tabs.filter((t) => t.pane === pane).at(-1)?.key ?? null;
}

export const useTerminals = create<TerminalsStore>((set, get) => ({
  tabs: [],
  active: [null, null],
  split: false,
  broadcast: false,
  searchPane: null,
  focusPane: 0,

  async open(ci, record) {
    startFeed();
    const key = `t${nextKey++}`;
    const pane: 0 | 1 = get().split ? get().focusPane : 0;
    const handle = new TermHandle({
      onInput: (data) => {
        const s = get();
        batcher.push(writeTargets(s.tabs, key, s.broadcast), data);
      },
      onResize: () => sendSize(key),
      onSearchKey: () => {
        const tab = get().tabs.find((t) => t.key === key);
        if (tab) set({ searchPane: tab.pane });
      },
    });
    handles.set(key, handle);
    const tab: TermTab = {
      key,
      sessionId: null,
      ciId: ci.id,
      title: ci.name,
      state: 'connecting',
      reason: null,
      recording: record,
      receiveBroadcast: false,
      pane,
    };
    set((s) => {
      const active: [string | null, string | null] = [...s.active];
      active[pane] = key;
      return { tabs: [...s.tabs, tab], active };
    });
    handle.writeText(`Connecting to ${ci.name}…\r\n`);
    try {
      const session = await client.call('ssh.terminal.open', {
        id: ci.id,
        cols: handle.term.cols,
        rows: handle.term.rows,
        record,
      });
      if (!handles.has(key)) {
        // Closed while connecting.
        void client.call('ssh.terminal.close', { id: session.id }).catch(() => {});
        return;
      }
      bind(key, session.id);
      const current = get().tabs.find((t) => t.key === key);
      // A state event may already have said more than the answer (e.g. closed).
      const state = current?.state === 'closed' ? 'closed' : session.state;
      patchTab(key, { sessionId: session.id, title: session.title || ci.name, recording: session.recording, state });
      if (state === 'open') sendSize(key);
    } catch (e) {
      const reason = errorMessage(e);
      patchTab(key, { state: 'closed', reason });
      handle.writeText(`\x1b[31mCould not open a terminal: ${reason}\x1b[0m\r\n`);
    }
  },

  close(key) {
    const tab = get().tabs.find((t) => t.key === key);
    if (tab?.sessionId) {
      bySession.delete(tab.sessionId);
      if (tab.state !== 'closed') void client.call('ssh.terminal.close', { id: tab.sessionId }).catch(() => {});
    }
    handles.get(key)?.dispose();
    handles.delete(key);
    set((s) => {
      const tabs = s.tabs.filter((t) => t.key !== key);
      return { tabs, active: [pickActive(tabs, 0, s.active[0]), pickActive(tabs, 1, s.active[1])] };
    });
  },

  activate(pane, key) {
    set((s) => {
      const active: [string | null, string | null] = [...s.active];
      active[pane] = key;
      return { active, focusPane: pane };
    });
  },

  toggleReceive(key) {
    set((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? { ...t, receiveBroadcast: !t.receiveBroadcast } : t)) }));
  },

  setSplit(on) {
    set((s) => {
      // Unsplitting brings the right pane's tabs back to the left.
      const tabs = on ? s.tabs : s.tabs.map((t) => (t.pane === 1 ? { ...t, pane: 0 as const } : t));
      return { split: on, tabs, active: [pickActive(tabs, 0, s.active[0]), on ? s.active[1] : null] };
    });
  },

  setBroadcast(on) {
    batcher.flush();
    set({ broadcast: on });
  },

  setSearchPane(searchPane) {
    set({ searchPane });
  },

  moveToOtherPane(key) {
    set((s) => {
      const tabs = s.tabs.map((t) => (t.key === key ? { ...t, pane: (t.pane === 0 ? 1 : 0) as 0 | 1 } : t));
      const moved = tabs.find((t) => t.key === key);
      const active: [string | null, string | null] = [
        pickActive(tabs, 0, s.active[0]),
        pickActive(tabs, 1, s.active[1]),
      ];
      if (moved) active[moved.pane] = key;
      return { tabs, active, split: true };
    });
  },
}));
