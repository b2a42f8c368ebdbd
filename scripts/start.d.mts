// Types for the pure parts of scripts/start.mjs, so its unit test is type-checked.
export declare const fallbackNotice: string;
export declare function electronBinary(
  requireFn?: (id: string) => unknown,
  exists?: (p: string) => boolean,
): string | null;
export declare function hasDisplay(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): boolean;
export declare function launchPlan(opts: {
  electron: string | null;
  display: boolean;
  args?: string[];
  root?: string;
}): { mode: 'desktop' | 'web'; command: string; args: string[] };
