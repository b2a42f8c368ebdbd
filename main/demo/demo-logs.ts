import type { LineIn } from '../monitoring/logs/lines';
import type { DemoHost } from './demo-hosts';
import type { DemoStory } from './demo-series';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Syslog priorities, as the lines table stores them.
const ERR = 3;
const WARNING = 4;
const NOTICE = 5;
const INFO = 6;

export interface DemoLog {
  host: DemoHost;
  lines: LineIn[];
}

const line = (time: number, unit: string, level: number, message: string): LineIn => ({
  time,
  unit,
  level,
  message,
});

/**
 * Journal lines that tell the same story as the demo's series: the backup
 * host's prune that fails on a stale lock (so its repository fills), its
 * repository check (the CPU spike), the staging web host's kernel-upgrade
 * reboot, and some everyday database and web server lines.
 */
export function demoLogLines(hosts: readonly DemoHost[], story: DemoStory): DemoLog[] {
  const byName = new Map(hosts.map((h) => [h.host, h]));
  const logs: DemoLog[] = [];
  const add = (h: DemoHost | undefined, lines: LineIn[]) => {
    if (h && lines.length) logs.push({ host: h, lines: lines.sort((a, b) => a.time - b.time) });
  };
  const { end, busy, outage } = story;

  const backup: LineIn[] = [
    line(
      busy.fillFrom - 2 * MINUTE,
      'restic-prune.service',
      INFO,
      `Started restic-prune.service - Prune ${busy.mountpoint}.`,
    ),
    line(
      busy.fillFrom - MINUTE,
      'restic-prune.service',
      ERR,
      'Fatal: unable to create lock in backend: repository is already locked exclusively by PID 48211 on backup-01 by root (UID 0, GID 0), lock was created at 2 days ago',
    ),
    line(busy.fillFrom, 'systemd', WARNING, "restic-prune.service: Failed with result 'exit-code'."),
    line(
      busy.cpuSpike.from,
      'restic-check.service',
      INFO,
      `Started restic-check.service - Check ${busy.mountpoint} (read-data-subset=10%).`,
    ),
    line(
      busy.cpuSpike.from + MINUTE,
      'restic-check.service',
      INFO,
      'load indexes; check all packs; check snapshots, trees and blobs',
    ),
    line(busy.cpuSpike.to - MINUTE, 'restic-check.service', INFO, 'read 10.0% of data packs: no errors were found'),
    line(busy.cpuSpike.to, 'systemd', INFO, 'restic-check.service: Deactivated successfully.'),
  ];
  for (let t = busy.fillFrom + HOUR; t < end; t += 2 * HOUR) {
    backup.push(
      line(t, 'restic-backup.service', INFO, 'Added to the repository: 41.237 GiB (38.902 GiB stored)'),
      line(
        t + MINUTE,
        'restic-backup.service',
        INFO,
        'snapshot saved; old snapshots are kept until the next successful prune',
      ),
    );
  }
  const full =
    busy.fillFrom + Math.round(((90 - busy.usedFrom) / (busy.usedTo - busy.usedFrom)) * (busy.fillTo - busy.fillFrom));
  backup.push(
    line(
      full + 2 * MINUTE,
      'disk-usage-check.service',
      WARNING,
      `${busy.mountpoint} is 90% full (1.80 TiB of 2.00 TiB used)`,
    ),
  );
  add(byName.get(busy.host), backup);

  if (outage) {
    add(byName.get(outage.host), [
      line(
        outage.from - 4 * MINUTE,
        'unattended-upgrades.service',
        NOTICE,
        'Packages that were upgraded: linux-image-6.1.0-28-amd64',
      ),
      line(outage.from - MINUTE, 'systemd-logind', NOTICE, 'The system will reboot now!'),
      line(
        outage.to + 10_000,
        'kernel',
        NOTICE,
        'Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1',
      ),
      line(
        outage.to + 25_000,
        'nginx.service',
        INFO,
        'Started nginx.service - A high performance web server and a reverse proxy server.',
      ),
    ]);
  }

  const db = hosts.find((h) => h.prod && h.role === 'db');
  const dbLines: LineIn[] = [];
  for (let t = end - 6 * HOUR; t < end; t += 30 * MINUTE) {
    dbLines.push(
      line(
        t,
        'postgresql@16-main.service',
        INFO,
        'LOG:  checkpoint complete: wrote 18234 buffers (13.9%); 0 WAL file(s) added, 1 removed, 2 recycled',
      ),
    );
  }
  dbLines.push(
    line(
      end - 95 * MINUTE,
      'postgresql@16-main.service',
      WARNING,
      'LOG:  duration: 2304.118 ms  statement: SELECT o.id, o.total FROM orders o JOIN carts c ON c.id = o.cart_id WHERE c.session_id = $1',
    ),
  );
  add(db, dbLines);

  const web = hosts.find((h) => h.prod && h.role === 'web');
  add(web, [
    line(
      end - 47 * MINUTE,
      'nginx.service',
      ERR,
      'upstream timed out (110: Connection timed out) while reading response header from upstream, request: "POST /api/checkout HTTP/1.1", upstream: "http://api-01.fra1.demo.invalid:8080/checkout"',
    ),
    line(end - 12 * MINUTE, 'nginx.service', NOTICE, 'signal process started: reload'),
  ]);

  const bastion = hosts.find((h) => h.prod && h.role === 'bastion');
  add(bastion, [
    line(
      end - 3 * HOUR,
      'ssh.service',
      INFO,
      'Accepted publickey for ops from 198.51.100.23 port 51234 ssh2: ED25519 SHA256:7tP2cXlOqfVQJ0yP5mQe0m0y3f8M1wB4tC5Yh0Gk9pI',
    ),
    line(end - 20 * MINUTE, 'ssh.service', WARNING, 'Invalid user admin from 203.0.113.77 port 40022'),
  ]);
  return logs;
}
