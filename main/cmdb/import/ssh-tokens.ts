/** What the %-tokens of an IdentityFile or HostName can be filled from. */
export interface TokenContext {
  alias: string;
  hostName: string;
  remoteUser: string | null;
  port: number;
  homeDir: string | null;
}

/**
 * Expands ~ and the %-tokens that are knowable from the config alone (%d %h %n %p %r %%).
 * Tokens that depend on the machine or the connection (%u %l %C %i …) are left as written
 * and listed, so the caller can say so.
 */
export function expandTokens(value: string, ctx: TokenContext): { value: string; unexpanded: string[] } {
  const unexpanded: string[] = [];
  let v = value;
  if ((v === '~' || v.startsWith('~/')) && ctx.homeDir) v = ctx.homeDir.replace(/\/$/, '') + v.slice(1);
  else if (v.startsWith('~')) unexpanded.push('~');
  v = v.replace(/%(.)/g, (token, c: string) => {
    switch (c) {
      case '%':
        return '%';
      case 'h':
        return ctx.hostName;
      case 'n':
        return ctx.alias;
      case 'p':
        return String(ctx.port);
      case 'd':
        if (ctx.homeDir) return ctx.homeDir.replace(/\/$/, '');
        break;
      case 'r':
        if (ctx.remoteUser) return ctx.remoteUser;
        break;
    }
    unexpanded.push(token);
    return token;
  });
  return { value: v, unexpanded };
}
