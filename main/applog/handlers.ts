import type { Handlers } from '../rpc/router';
import type { AppLogger } from './logger';

export function applogHandlers(logger: AppLogger): Pick<Handlers, 'applog.tail'> {
  return {
    'applog.tail': (input) => ({
      lines: logger.tail({ limit: input.limit, minLevel: input.minLevel, text: input.text }),
      file: logger.file,
    }),
  };
}
