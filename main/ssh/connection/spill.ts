import type { Conn } from './conn';

/** A sibling connection for shells beyond one connection's channel budget. */
interface Spill {
  conn?: Conn;
  reserved: number;
  promise: Promise<Conn>;
}

/**
 * Sibling connections per login, opened when a connection's long-lived
 * channels (shells) are all taken. `open` handshakes a new sibling under the
 * given key.
 */
export class Spills {
  private readonly groups = new Map<string, Spill[]>();

  constructor(private readonly open: (key: string, primary: Conn) => Promise<Conn>) {}

  /**
   * Finds or opens a sibling of `primary` (same login, same chain) with room
   * for one more shell, reserving that room before any await so concurrent
   * opens spread over siblings instead of all opening new connections.
   */
  of(primary: Conn): Promise<Conn> {
    const max = primary.maxChannels;
    const group = (this.groups.get(primary.key) ?? []).filter((s) => !s.conn || s.conn.open);
    this.groups.set(primary.key, group);
    for (const s of group) {
      const used = s.conn ? s.conn.longLived : s.reserved;
      if (used < max) {
        if (s.conn) s.conn.longLived++;
        else s.reserved++;
        return s.promise;
      }
    }
    const s: Spill = { reserved: 1, promise: Promise.resolve(primary) };
    s.promise = this.open(`${primary.key} #${group.length + 1}`, primary).then(
      (c) => {
        c.longLived = s.reserved;
        s.conn = c;
        return c;
      },
      (e: unknown) => {
        const i = group.indexOf(s);
        if (i >= 0) group.splice(i, 1);
        throw e;
      },
    );
    group.push(s);
    return s.promise;
  }
}
