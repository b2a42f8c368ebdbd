import { z } from 'zod';
import { noInput, query } from './define';

export const systemInfo = z.object({
  app: z.literal('Opsroom'),
  version: z.string(),
  workspacePath: z.string(),
  readOnly: z.boolean(),
  demo: z.boolean(),
  platform: z.string(),
  /** Which way in this process serves: the desktop window, the loopback web mode, or the CLI. */
  mode: z.enum(['desktop', 'web', 'cli']),
  user: z.string(),
});
export type SystemInfo = z.infer<typeof systemInfo>;

export const systemApi = {
  'system.info': query({
    summary: 'What this Opsroom is and which workspace it has open',
    input: noInput,
    output: systemInfo,
  }),
};
