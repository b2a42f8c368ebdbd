import type { AppLogger } from '../applog/logger';
import type { Handlers } from '../rpc/router';
import type { SettingsService } from './service';

export function settingsHandlers(
  settings: SettingsService,
  logger: AppLogger,
): Pick<Handlers, 'settings.get' | 'settings.update'> {
  // Follow every change, not only this handler's, so a reload after a restore applies too.
  settings.onChange((s, changed) => {
    if (changed.includes('log.level')) logger.setLevel(s['log.level']);
  });
  return {
    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input.values),
  };
}
