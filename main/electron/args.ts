export interface DesktopArgs {
  workspace?: string;
}

/**
 * The desktop app's own switches. Chromium's and Electron's switches pass
 * through untouched; only `--workspace PATH` / `--workspace=PATH` is ours.
 */
export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  const out: DesktopArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--workspace' && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out.workspace = argv[++i];
    } else if (a.startsWith('--workspace=')) {
      const v = a.slice('--workspace='.length);
      if (v) out.workspace = v;
    }
  }
  return out;
}
