import type { Ci } from '../../shared/api/cmdb-model';

/** A host CI of the demo estate as the synthetic series see it. */
export interface DemoHost {
  /** CI id: the collector's `ci` label */
  ci: string;
  /** CI name: the collector's `host` label */
  host: string;
  role: string;
  prod: boolean;
}

export interface Disk {
  device: string;
  /** bytes/s at the busiest hour (prod) */
  read: number;
  write: number;
}

export interface Filesystem {
  mountpoint: string;
  device: string;
  sizeGiB: number;
  /** used % of the space users can have, before drift */
  used: number;
  /** share kept for root (ext4's 5%; 0 on xfs), which df leaves out of "available" */
  reserved: number;
}

/** What a host of one role looks like: sizes and how busy it is at the busiest hour. */
export interface Profile {
  cpus: number;
  memGiB: number;
  /** % of CPU time not idle at the busiest hour (prod; staging runs at about a third) */
  busy: number;
  /** share of memory in use (not available) */
  memUsed: number;
  /** share of memory that is page cache */
  cached: number;
  /** relative weight of each non-idle CPU mode */
  modes: Record<'user' | 'nice' | 'system' | 'iowait' | 'irq' | 'softirq' | 'steal', number>;
  disks: Disk[];
  nic: string;
  /** network bytes/s at the busiest hour (prod) */
  rx: number;
  tx: number;
  filesystems: Filesystem[];
}

const MB = 1_000_000;
const cpuModes = (o: Partial<Profile['modes']> = {}): Profile['modes'] => ({
  user: 62,
  nice: 1,
  system: 22,
  iowait: 4,
  irq: 1,
  softirq: 3,
  steal: 1,
  ...o,
});
const root = (used: number, sizeGiB = 40): Filesystem => ({
  mountpoint: '/',
  device: '/dev/vda1',
  sizeGiB,
  used,
  reserved: 0.05,
});

const profiles: Record<string, Profile> = {
  web: {
    cpus: 4,
    memGiB: 8,
    busy: 38,
    memUsed: 0.45,
    cached: 0.3,
    modes: cpuModes({ softirq: 7 }),
    disks: [{ device: 'vda', read: 0.4 * MB, write: 1.2 * MB }],
    nic: 'eth0',
    rx: 2.5 * MB,
    tx: 14 * MB,
    filesystems: [root(41)],
  },
  api: {
    cpus: 8,
    memGiB: 16,
    busy: 52,
    memUsed: 0.58,
    cached: 0.22,
    modes: cpuModes(),
    disks: [{ device: 'vda', read: 0.6 * MB, write: 2.5 * MB }],
    nic: 'eth0',
    rx: 7 * MB,
    tx: 6 * MB,
    filesystems: [root(48, 60)],
  },
  db: {
    cpus: 16,
    memGiB: 64,
    busy: 34,
    memUsed: 0.3,
    cached: 0.58,
    modes: cpuModes({ iowait: 14, system: 18 }),
    disks: [
      { device: 'vda', read: 0.2 * MB, write: 0.8 * MB },
      { device: 'vdb', read: 28 * MB, write: 19 * MB },
    ],
    nic: 'ens192',
    rx: 9 * MB,
    tx: 12 * MB,
    filesystems: [
      root(33),
      { mountpoint: '/var/lib/postgresql', device: '/dev/vdb1', sizeGiB: 500, used: 62, reserved: 0 },
    ],
  },
  cache: {
    cpus: 4,
    memGiB: 32,
    busy: 22,
    memUsed: 0.74,
    cached: 0.08,
    modes: cpuModes({ softirq: 12, system: 26 }),
    disks: [{ device: 'vda', read: 0.1 * MB, write: 0.5 * MB }],
    nic: 'ens3',
    rx: 18 * MB,
    tx: 24 * MB,
    filesystems: [root(27)],
  },
  bastion: {
    cpus: 2,
    memGiB: 4,
    busy: 4,
    memUsed: 0.22,
    cached: 0.35,
    modes: cpuModes(),
    disks: [{ device: 'vda', read: 0.02 * MB, write: 0.06 * MB }],
    nic: 'eth0',
    rx: 0.15 * MB,
    tx: 0.12 * MB,
    filesystems: [root(22, 20)],
  },
  backup: {
    cpus: 8,
    memGiB: 16,
    busy: 9,
    memUsed: 0.35,
    cached: 0.45,
    modes: cpuModes({ nice: 20, iowait: 12 }),
    disks: [
      { device: 'vda', read: 0.1 * MB, write: 0.3 * MB },
      { device: 'vdb', read: 3 * MB, write: 22 * MB },
    ],
    nic: 'ens3',
    rx: 20 * MB,
    tx: 1 * MB,
    filesystems: [root(30), { mountpoint: '/srv/restic', device: '/dev/vdb1', sizeGiB: 2048, used: 76, reserved: 0 }],
  },
};

export function profileOf(role: string): Profile {
  return profiles[role] ?? profiles.api!;
}

/**
 * The demo estate's host CIs (seed-cmdb.ts), in creation order: those at a
 * `.demo.invalid` address, so a host a person adds to the demo workspace to
 * try the real collector never gets synthetic samples mixed into its own.
 * The role is the first part of the name (web-01.fra1 → web).
 */
export function demoHosts(cis: readonly Ci[]): DemoHost[] {
  return cis
    .filter((c) => c.type === 'host' && (c.connection?.address ?? '').endsWith('.demo.invalid'))
    .map((c) => ({
      ci: c.id,
      host: c.name,
      role: /^([a-z]+)-\d+\./.exec(c.name)?.[1] ?? 'api',
      prod: c.environment !== 'staging',
    }));
}
