import type { Session, WebContents } from 'electron';
import type { Logger } from '../applog/types';
import { silentLogger } from '../applog/types';
import { isSameOrigin } from './origin';

/** The part of WebContents this module touches, so tests can pass a recording fake. */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'> & {
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
};

/**
 * The renderer may only ever show the app itself: no navigation or redirect
 * away from appOrigin, no new windows, no <webview>, no permission (camera,
 * notifications, clipboard-read, geolocation, ...). Links to the outside are
 * refused and logged rather than opened, so nothing leaves the machine by a click.
 */
export function hardenWebContents(contents: HardenableContents, opts: { appOrigin: string; logger?: Logger }): void {
  const log = (opts.logger ?? silentLogger).child('electron');
  const guard = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isSameOrigin(url, opts.appOrigin)) return;
    event.preventDefault();
    log.warn(`${kind} away from the app refused`, { url: String(url).slice(0, 200) });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  contents.setWindowOpenHandler((details) => {
    log.warn('new window refused', { url: String(details.url).slice(0, 200) });
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn('permission request refused', { permission });
    callback(false);
  });
  contents.session.setPermissionCheckHandler(() => false);
}
