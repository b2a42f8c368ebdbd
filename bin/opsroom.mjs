#!/usr/bin/env node
// The installed `opsroom` command: runs the TypeScript CLI through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../main/cli/index.ts', import.meta.url).href);
