import type { Labels } from '../../shared/api/monitoring-model';
import { usageModes } from '../monitoring/collect/cpu-usage';
import type { SampleIn } from '../monitoring/types';
import { profileOf, type DemoHost, type Filesystem } from './demo-hosts';
import { diurnal, hash01, seedOf, valueNoise, wobble } from './demo-noise';

export const STEP_MS = 60_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GiB = 1024 ** 3;

/**
 * What happens in the demo's last 24 hours, relative to its newest sample.
 * One prod backup host runs a repository check that pegs its CPU for 40
 * minutes (the "High CPU" rule fires, silenced, then resolves) while its
 * repository filesystem fills past 90% (the "Filesystem almost full" rule is
 * firing at the end); one staging web host reboots and is down for 6 minutes.
 */
export interface DemoStory {
  /** the newest step, ≤ now */
  end: number;
  busy: {
    ci: string;
    host: string;
    cpuSpike: { from: number; to: number };
    /** the filesystem that fills, from `fillFrom` to the end */
    mountpoint: string;
    fillFrom: number;
    fillTo: number;
    /** used % before and at the end */
    usedFrom: number;
    usedTo: number;
  };
  outage: { ci: string; host: string; from: number; to: number } | null;
}

export function demoStory(hosts: readonly DemoHost[], now: number): DemoStory {
  const end = Math.floor(now / STEP_MS) * STEP_MS;
  const busy = hosts.find((h) => h.role === 'backup') ?? hosts[0];
  const down = hosts.find((h) => !h.prod && h.role === 'web' && h !== busy);
  const spikeFrom = end - 160 * MINUTE;
  return {
    end,
    busy: {
      ci: busy?.ci ?? '',
      host: busy?.host ?? '',
      cpuSpike: { from: spikeFrom, to: spikeFrom + 40 * MINUTE },
      mountpoint: profileOf(busy?.role ?? 'backup').filesystems.at(-1)!.mountpoint,
      fillFrom: end - 8 * HOUR,
      fillTo: end,
      usedFrom: 76,
      usedTo: 93,
    },
    outage: down ? { ci: down.ci, host: down.host, from: end - 310 * MINUTE, to: end - 304 * MINUTE } : null,
  };
}

/** One write to the sink, in order: samples, or the end of a host's series (it stopped answering). */
export type DemoWrite = { samples: SampleIn[] } | { stale: Labels; t: number };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round2 = (v: number) => Math.round(v * 100) / 100;
/** /proc/meminfo and df count in KiB: their byte values are whole KiB. */
const kib = (bytes: number) => Math.round(bytes / 1024) * 1024;

/** Enough earlier steps for the 15-minute load average to have settled where a range starts. */
const WARMUP_STEPS = 60;

/**
 * The samples the SSH collector would have written for one host from its
 * scrapes in [from, to]: one a minute, a few seconds off story.end's minute
 * per host (scrapes are not aligned), before or after story.end. The same
 * names and labels (collector/metrics.ts), gauges on every scrape, rates
 * (CPU shares, disk and network) only with the previous scrape of the same
 * boot — so none on the range's first scrape unless `resumed` (the scrape
 * before `from` was written too), as the collector after a restart; CPU
 * modes sum to 100. Filesystem size and available bytes are left out: no
 * panel or rule of the demo reads them, and the seed stays quicker.
 */
export function hostWrites(h: DemoHost, story: DemoStory, from: number, to: number, resumed = false): DemoWrite[] {
  const p = profileOf(h.role);
  const seed = seedOf(h.host);
  const offset = Math.floor(hash01(seed, 0) * 20) * 1000;
  const scale = h.prod ? 1 : 0.35;
  const isBusy = h.ci === story.busy.ci;
  const outage = story.outage?.ci === h.ci ? story.outage : null;

  const id = { ci: h.ci, host: h.host };
  const L = (name: string, extra?: Labels): Labels => ({ __name__: name, ...id, ...extra });
  const up = L('host_up');
  const cpuCount = L('host_cpu_count');
  const cpu = usageModes.map((mode) => L('host_cpu_usage_percent', { mode }));
  const mem = ['total', 'available', 'cached'].map((k) => L(`host_memory_${k}_bytes`));
  const load = [1, 5, 15].map((n) => L(`host_load${n}`));
  const disks = p.disks.map((d) => ({
    d,
    seed: seedOf(`${h.host}|${d.device}`),
    read: L('host_disk_read_bytes_per_second', { device: d.device }),
    written: L('host_disk_written_bytes_per_second', { device: d.device }),
  }));
  const net = {
    rx: L('host_network_receive_bytes_per_second', { device: p.nic }),
    tx: L('host_network_transmit_bytes_per_second', { device: p.nic }),
  };
  const fss = p.filesystems.map((f) => {
    const labels = { mountpoint: f.mountpoint, device: f.device, fstype: 'ext4' };
    return { f, seed: seedOf(`${h.host}|${f.mountpoint}`), used: L('host_filesystem_used_percent', labels) };
  });

  const s = (k: string) => seedOf(`${h.host}|${k}`);
  const seeds = { cpu: s('cpu'), mem: s('mem'), cache: s('cache'), load: s('load'), rx: s('rx'), tx: s('tx') };
  const memTotal = kib(p.memGiB * GiB * 0.975);
  const modeSum = Object.values(p.modes).reduce((a, b) => a + b, 0);
  // loadavg is an exponential average of the run queue over 1, 5 and 15 minutes.
  const decay5 = Math.exp(-STEP_MS / (5 * MINUTE));
  const decay15 = Math.exp(-STEP_MS / (15 * MINUTE));
  let load5 = NaN;
  let load15 = NaN;

  const writes: DemoWrite[] = [];
  let out: SampleIn[] = [];
  let firstOfBoot = true;
  let down = false;
  const first = Math.ceil((from + offset - story.end) / STEP_MS);
  const last = Math.floor((to + offset - story.end) / STEP_MS);
  const skip = () => {};
  for (let k = first - WARMUP_STEPS; k <= last; k++) {
    const t = story.end + k * STEP_MS - offset;
    // Steps before the range only bring the load averages (and the boot) to where they would be.
    const emit = k >= first;
    if (k === first) firstOfBoot = !resumed;
    const put = emit ? (labels: Labels, v: number) => out.push({ labels, t, v }) : skip;

    if (outage && t >= outage.from && t < outage.to) {
      if (!down) {
        // The first failed scrape ends every series; host_up's 0 starts 1 ms later (collector/service.ts).
        if (emit) {
          writes.push({ samples: out }, { stale: id, t });
          out = [{ labels: up, t: t + 1, v: 0 }];
        }
        down = true;
      } else {
        put(up, 0);
      }
      firstOfBoot = true;
      continue;
    }
    down = false;

    const day = diurnal(t);
    let busy = clamp(p.busy * scale * (0.25 + 0.75 * day) * (1 + 0.3 * wobble(seeds.cpu, t)), 0.5, 97);
    const spike = isBusy && t >= story.busy.cpuSpike.from && t < story.busy.cpuSpike.to;
    if (spike) busy = 93 + 3 * wobble(seeds.cpu, t);

    put(up, 1);
    put(cpuCount, p.cpus);
    const used = clamp(p.memUsed + 0.06 * day + 0.02 * wobble(seeds.mem, t), 0.05, 0.95);
    put(mem[0]!, memTotal);
    put(mem[1]!, kib(memTotal * (1 - used)));
    put(mem[2]!, kib(memTotal * p.cached * (1 + 0.05 * wobble(seeds.cache, t))));

    const load1 = Math.max(0, (p.cpus * busy * (1 + 0.25 * wobble(seeds.load, t))) / 100);
    load5 = Number.isNaN(load5) ? load1 : load5 * decay5 + load1 * (1 - decay5);
    load15 = Number.isNaN(load15) ? load1 : load15 * decay15 + load1 * (1 - decay15);
    put(load[0]!, round2(load1));
    put(load[1]!, round2(load5));
    put(load[2]!, round2(load15));

    for (const x of fss) {
      const pct = usedPercent(x.f, x.seed, h, story, t);
      const size = kib(x.f.sizeGiB * GiB);
      const usable = size * (1 - x.f.reserved);
      const avail = kib(usable * (1 - pct / 100));
      // As the collector computes it from df's KiB: used / (used + available).
      put(x.used, (100 * (usable - avail)) / usable);
    }

    // Rates need two readings of one boot: none on the first scrape (of the day's window, or after the reboot).
    if (!firstOfBoot) {
      let idle = 100;
      for (const [k, mode] of usageModes.entries()) {
        if (mode === 'idle') continue;
        const v = (busy * p.modes[mode]) / modeSum;
        idle -= v;
        put(cpu[k]!, v);
      }
      put(cpu[usageModes.indexOf('idle')]!, Math.max(0, idle));

      for (const x of disks) {
        let read = x.d.read * scale * (0.15 + 0.85 * day) * (1 + 0.5 * wobble(x.seed, t));
        let write = x.d.write * scale * (0.2 + 0.8 * day) * (1 + 0.5 * wobble(x.seed ^ 1, t));
        // The repository check reads the whole repository back.
        if (spike && x.d.device !== 'vda') read = 160e6 * (1 + 0.1 * wobble(x.seed, t));
        if (spike) write *= 0.2;
        put(x.read, Math.max(0, Math.round(read)));
        put(x.written, Math.max(0, Math.round(write)));
      }
      const rx = p.rx * scale * (0.1 + 0.9 * day) * (1 + 0.4 * wobble(seeds.rx, t));
      const tx = p.tx * scale * (0.1 + 0.9 * day) * (1 + 0.4 * wobble(seeds.tx, t));
      put(net.rx, Math.max(0, Math.round(rx)));
      put(net.tx, Math.max(0, Math.round(tx)));
    }
    firstOfBoot = false;
  }
  writes.push({ samples: out });
  return writes.filter((w) => !('samples' in w) || w.samples.length > 0);
}

/** Used % of a filesystem at t: a slow drift, or the story's fill on the busy host. */
function usedPercent(f: Filesystem, seed: number, h: DemoHost, story: DemoStory, t: number): number {
  const drift = 1.2 * valueNoise(seed, t, 6 * HOUR) + 0.02 * (hash01(seed, Math.floor(t / STEP_MS)) * 2 - 1);
  const b = story.busy;
  if (h.ci !== b.ci || f.mountpoint !== b.mountpoint) return f.used + drift;
  // Prune has stopped: every nightly and hourly backup only adds to the repository.
  const share = clamp((t - b.fillFrom) / (b.fillTo - b.fillFrom), 0, 1);
  return b.usedFrom + (b.usedTo - b.usedFrom) * share + 0.02 * (hash01(seed, Math.floor(t / STEP_MS)) * 2 - 1);
}
