import { describe, expect, it } from 'vitest';
import { diskRates, netRates } from '../../../main/monitoring/collect/rates';
import type { DiskStats } from '../../../main/monitoring/collect/diskstats';
import type { NetDevStats } from '../../../main/monitoring/collect/netdev';

const disk = (o: Partial<DiskStats>): DiskStats => ({
  readsCompleted: 0,
  writesCompleted: 0,
  readBytes: 0,
  writtenBytes: 0,
  readTimeMs: 0,
  writeTimeMs: 0,
  ioTimeMs: 0,
  inProgress: 0,
  ...o,
});

describe('diskRates', () => {
  it('turns counters into per-second rates and utilisation', () => {
    const r = diskRates(
      { t: 0, stats: { sda: disk({ readsCompleted: 100, readBytes: 1e6, ioTimeMs: 1000 }), gone: disk({}) } },
      { t: 10_000, stats: { sda: disk({ readsCompleted: 300, readBytes: 6e6, ioTimeMs: 6000 }), sdb: disk({}) } },
    );
    expect(Object.keys(r)).toEqual(['sda']);
    expect(r.sda).toEqual({
      readsPerSec: 20,
      writesPerSec: 0,
      readBytesPerSec: 5e5,
      writeBytesPerSec: 0,
      utilisation: 0.5,
    });
  });

  it('applies the counter-reset rule and yields nothing when time does not advance', () => {
    const r = diskRates(
      { t: 0, stats: { sda: disk({ readBytes: 1e9 }) } },
      { t: 2000, stats: { sda: disk({ readBytes: 4000 }) } },
    );
    expect(r.sda.readBytesPerSec).toBe(2000);
    expect(diskRates({ t: 5, stats: { sda: disk({}) } }, { t: 5, stats: { sda: disk({}) } })).toEqual({});
  });
});

describe('netRates', () => {
  it('rates every interface counter', () => {
    const zero: NetDevStats = {
      rxBytes: 0,
      rxPackets: 0,
      rxErrs: 0,
      rxDrop: 0,
      txBytes: 0,
      txPackets: 0,
      txErrs: 0,
      txDrop: 0,
    };
    const r = netRates(
      { t: 0, stats: { eth0: zero } },
      { t: 15_000, stats: { eth0: { ...zero, rxBytes: 15_000, txPackets: 30 } } },
    );
    expect(r.eth0).toEqual({ ...zero, rxBytes: 1000, txPackets: 2 });
  });
});
