import type { Handlers } from '../rpc/router';
import type { TerminalService } from './terminal/service';

export type TerminalMethod =
  | 'ssh.terminal.open'
  | 'ssh.terminal.write'
  | 'ssh.terminal.resize'
  | 'ssh.terminal.close'
  | 'ssh.terminal.list'
  | 'ssh.recordings.list'
  | 'ssh.recordings.get';

/** Open and close are audited by the router (mutations); keystrokes and resizes are session input. */
export function terminalHandlers(service: TerminalService): Pick<Handlers, TerminalMethod> {
  return {
    'ssh.terminal.open': (i, ctx) =>
      service.open({ ciId: i.id, cols: i.cols, rows: i.rows, record: i.record, actor: ctx.actor }),
    'ssh.terminal.write': (i) => service.write(i.ids, i.data),
    'ssh.terminal.resize': (i) => service.resize(i.id, i.cols, i.rows),
    'ssh.terminal.close': (i, ctx) => service.close(i.id, `closed by ${ctx.actor}`),
    'ssh.terminal.list': () => service.list(),
    'ssh.recordings.list': () => service.recordings(),
    'ssh.recordings.get': (i) => service.recording(i.id),
  };
}
