/**
 * Best-effort reading of a jump host out of ansible_ssh_common_args:
 * "-o ProxyJump=user@bastion:22", "-J a,b", or a ProxyCommand running "ssh -W %h:%p bastion".
 * Returns the host adjacent to the target (the last hop), or null when none is named.
 */
export function jumpFromSshArgs(args: string): string | null {
  const jump = /ProxyJump\s*[= ]\s*["']?([^\s"']+)/i.exec(args) ?? /(?:^|\s)-J\s*["']?([^\s"']+)/.exec(args);
  if (jump) {
    if (jump[1].toLowerCase() === 'none') return null;
    const hops = jump[1].split(',').filter((h) => h !== '');
    return hops.length > 0 ? hopHost(hops[hops.length - 1]) : null;
  }
  const command = /ProxyCommand\s*[= ]\s*["']?(.*?)["']?\s*$/i.exec(args);
  if (command) return hostOfSshCommand(command[1]);
  return null;
}

/** [user@]host[:port] or ssh://[user@]host[:port] → host. */
export function hopHost(hop: string): string {
  const parsed = parseHop(hop);
  return parsed.host;
}

export function parseHop(hop: string): { user: string | null; host: string; port: string | null } {
  let rest = hop.replace(/^ssh:\/\//i, '');
  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) return { user, host: v6[1], port: v6[2] ?? null };
  const m = /^([^:]+):(\d*)$/.exec(rest);
  if (m) return { user, host: m[1], port: m[2] === '' ? null : m[2] };
  return { user, host: rest, port: null };
}

/** Options of ssh(1) that take an argument, so their argument is not taken for the host. */
const optionsWithArgument = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

function hostOfSshCommand(command: string): string | null {
  const words = command.split(/\s+/).filter((w) => w !== '');
  const start = words.findIndex((w) => /(^|\/)ssh$/.test(w));
  if (start < 0) return null;
  for (let i = start + 1; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('-')) {
      const flag = w.slice(1, 2);
      if (w.length === 2 && optionsWithArgument.has(flag)) i++;
      continue;
    }
    if (w.includes('%')) continue;
    return hopHost(w);
  }
  return null;
}
