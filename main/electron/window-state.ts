import fs from 'node:fs';
import path from 'node:path';
import { minWindowSize, type Bounds } from './window-options';

export interface WindowState extends Bounds {
  maximized: boolean;
}

/** Larger than any real screen; a bigger saved size is a corrupt file. */
const maxSide = 16_384;
/** How much of the window must lie on some display for the saved place to be kept. */
const minVisible = { width: 100, height: 50 };

export function windowStateFile(userDataDir: string): string {
  return path.join(userDataDir, 'window-state.json');
}

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Turns whatever was on disk into bounds the window can use, or undefined
 * to let the window centre itself: sizes are clamped between the minimum
 * window size and the largest display, and a place that is no longer on any
 * display (a monitor was unplugged) is dropped.
 * `workAreas` are the displays' work areas (screen.getAllDisplays()).
 */
export function sanitizeWindowState(raw: unknown, workAreas: readonly Bounds[]): WindowState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!finite(r.x) || !finite(r.y) || !finite(r.width) || !finite(r.height)) return undefined;
  if (workAreas.length === 0) return undefined;

  const widest = Math.min(maxSide, Math.max(...workAreas.map((a) => a.width)));
  const tallest = Math.min(maxSide, Math.max(...workAreas.map((a) => a.height)));
  const bounds: Bounds = {
    x: Math.round(r.x),
    y: Math.round(r.y),
    width: Math.round(Math.min(Math.max(r.width, minWindowSize.width), Math.max(widest, minWindowSize.width))),
    height: Math.round(Math.min(Math.max(r.height, minWindowSize.height), Math.max(tallest, minWindowSize.height))),
  };
  const visible = workAreas.some((area) => {
    const o = overlap(bounds, area);
    return o.width >= minVisible.width && o.height >= minVisible.height;
  });
  if (!visible) return undefined;
  return { ...bounds, maximized: r.maximized === true };
}

/** A missing, unreadable or corrupt file is the same as no saved state. */
export function loadWindowState(file: string, workAreas: readonly Bounds[]): WindowState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return sanitizeWindowState(JSON.parse(text), workAreas);
  } catch {
    return undefined;
  }
}

/** Written to a temp file then renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state) + '\n', 'utf8');
  fs.renameSync(tmp, file);
}

/** What trackWindowState needs from a BrowserWindow. */
export interface TrackableWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  getNormalBounds(): Bounds;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window's place when it closes, and shortly after it stops being
 * moved or resized (so a crash does not lose it), without writing a file on
 * every pixel of a drag.
 */
export function trackWindowState(
  win: TrackableWindow,
  opts: { file: string; delayMs?: number; onError?: (err: unknown) => void },
): { flush(): void } {
  const delay = opts.delayMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    try {
      saveWindowState(opts.file, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      opts.onError?.(err);
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('close', flush);
  return { flush };
}
