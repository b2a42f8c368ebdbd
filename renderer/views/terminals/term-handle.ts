import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import { bufferedBytes } from './terminal-pure';

/** Past this many bytes a hidden terminal parses its backlog (still without drawing). */
const hiddenBufferCap = 2 * 1024 * 1024;

export interface TermCallbacks {
  /** what the person typed (or pasted) */
  onInput: (data: string) => void;
  onResize: (cols: number, rows: number) => void;
  onSearchKey: () => void;
}

/**
 * One xterm instance that outlives its place on screen. Only the visible terminal
 * sits in the DOM and is fitted; a hidden one keeps its scrollback but queues writes,
 * so 50 open tabs cost 50 buffers, not 50 renderers.
 */
export class TermHandle {
  readonly term: Terminal;
  readonly search = new SearchAddon();
  private readonly fit = new FitAddon();
  /** created once: xterm can only be opened into one element, which we move around */
  private readonly host: HTMLDivElement;
  private opened = false;
  private attached = false;
  private pending: Uint8Array[] = [];
  private observer: ResizeObserver | null = null;
  private disposed = false;
  private readonly noFit: boolean;

  constructor(
    private readonly cb: TermCallbacks,
    opts: { readOnly?: boolean; cols?: number; rows?: number; noFit?: boolean } = {},
  ) {
    this.noFit = Boolean(opts.noFit);
    this.term = new Terminal({
      cursorBlink: !opts.readOnly,
      disableStdin: Boolean(opts.readOnly),
      scrollback: 5000,
      cols: opts.cols ?? 80,
      rows: opts.rows ?? 24,
      fontFamily: '"JetBrains Mono", monospace',
      fontSize: 13,
      allowProposedApi: true,
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.host = document.createElement('div');
    this.host.style.width = '100%';
    this.host.style.height = '100%';
    this.term.onData((d) => this.cb.onInput(d));
    this.term.onResize(({ cols, rows }) => this.cb.onResize(cols, rows));
    this.term.attachCustomKeyEventHandler((e) => this.onKey(e));
  }

  /** Ctrl+Shift+C/V copy and paste, Ctrl+Shift+F search; everything else is the remote shell's. */
  private onKey(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    const k = e.key.toLowerCase();
    if (k === 'c') {
      if (this.term.hasSelection()) void navigator.clipboard?.writeText(this.term.getSelection());
      return false;
    }
    if (k === 'v') {
      void this.pasteFromClipboard();
      return false;
    }
    if (k === 'f') {
      this.cb.onSearchKey();
      return false;
    }
    return true;
  }

  async pasteFromClipboard(): Promise<void> {
    const text = await navigator.clipboard?.readText().catch(() => '');
    // term.paste applies bracketed paste when the remote asked for it, then fires onData.
    if (text) this.term.paste(text);
  }

  write(bytes: Uint8Array): void {
    if (this.disposed) return;
    if (this.attached) return this.term.write(bytes);
    this.pending.push(bytes);
    if (bufferedBytes(this.pending) > hiddenBufferCap) this.drain();
  }

  writeText(text: string): void {
    if (!this.disposed) this.term.write(text);
  }

  private drain() {
    for (const c of this.pending) this.term.write(c);
    this.pending = [];
  }

  /** Shows the terminal in `el`, fits it to the space and keeps it fitted. */
  attach(el: HTMLElement): void {
    if (this.disposed) return;
    el.appendChild(this.host);
    if (!this.opened) {
      this.term.open(this.host);
      this.opened = true;
    }
    this.attached = true;
    this.drain();
    this.refit();
    this.observer = new ResizeObserver(() => this.refit());
    this.observer.observe(el);
    this.term.focus();
  }

  detach(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.attached = false;
    this.host.remove();
  }

  refit(): void {
    if (this.noFit || !this.attached || this.host.clientWidth === 0) return;
    try {
      this.fit.fit();
    } catch {
      // Not laid out yet; the next resize fits it.
    }
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    if (this.disposed) return;
    this.detach();
    this.disposed = true;
    this.pending = [];
    this.term.dispose();
  }
}
