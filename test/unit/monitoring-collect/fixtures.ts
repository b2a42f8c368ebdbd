// Host output captured from real machines (trimmed), plus the awkward shapes
// older kernels and odd mounts produce.

export const PROC_STAT = `cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0
cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0
cpu1 1335384 11398 397488 13377568 3310 0 5166 0 21080 0
intr 1462898 0 0 0
ctxt 115315
btime 1676000000
processes 25340
procs_running 3
procs_blocked 1
softirq 229245889 0 21 2 0 0 0 0 0 0 0
`;

/** A 2.6.9-era kernel: only seven cpu columns. */
export const PROC_STAT_OLD = `cpu  1 2 3 4 5 6 7
cpu0 1 2 3 4 5 6 7
`;

export const MEMINFO = `MemTotal:       16318156 kB
MemFree:          413768 kB
MemAvailable:    9842160 kB
Buffers:          343212 kB
Cached:          9127300 kB
HugePages_Total:       0
HugePages_Free:        0
Hugepagesize:       2048 kB
`;

export const LOADAVG = '0.52 0.58 0.59 2/1234 5678\n';

export const DISKSTATS = `   7       0 loop0 48 0 2126 14 0 0 0 0 0 28 14 0 0 0 0 0 0
   1       0 ram0 0 0 0 0 0 0 0 0 0 0 0
 259       0 nvme0n1 2270640 774296 151048458 497766 4393431 3165207 243215184 4193745 0 2466428 4770770 0 0 0 0 103946 79258
 259       1 nvme0n1p1 384 1062 14164 119 2 0 2 0 0 112 119 0 0 0 0 0 0
   8       0 sda 100 0 800 5 10 0 80 3 0 9 8
 253       0 dm-0 10 0 20 1 0 0 0 0 0 1 1 0 0 0 0
`;

export const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 2776770   21570    0    0    0     0          0         0  2776770   21570    0    0    0     0       0          0
enp3s0:1284951219 1042151    3   17    0     0          0      3512 97155401  589712    1    2    0     0       0          0
`;

export const DF = `Filesystem     1024-blocks      Used Available Capacity Mounted on
udev               8123456         0   8123456       0% /dev
/dev/nvme0n1p2   479079112 273891012 180778616      61% /
/dev/sdb1          1000000    250000    750000      25% /media/My Backup Disk
//nas/share       2000000   1000000   1000000      50% /mnt/nas share
none                     -         -         -       - /proc/sys/fs/binfmt_misc
`;

/** `df -PT -k` (GNU coreutils): a Type column after the name. */
export const DF_TYPED = `Filesystem     Type     1024-blocks      Used Available Capacity Mounted on
udev           devtmpfs     8123456         0   8123456       0% /dev
/dev/nvme0n1p2 ext4       479079112 273891012 180778616      61% /
/dev/loop3     squashfs       56960     56960         0     100% /snap/core/16202
//nas/share    cifs         2000000   1000000   1000000      50% /mnt/nas share
My Disk 2      fuseblk      1000000    250000    750000      25% /media/My Disk 2
none           binfmt_misc        -         -         -       - /proc/sys/fs/binfmt_misc
`;

/** df without -k (POSIX 512-byte blocks). */
export const DF_512 = `Filesystem 512-blocks Used Available Capacity Mounted on
/dev/sda1 2000 1000 1000 50% /
`;

export function scrapeOutput(sections: Record<string, string>, end = true): string {
  return (
    Object.entries(sections)
      .map(([name, body]) => `@@opsroom:${name}\n${body}`)
      .join('') + (end ? '@@opsroom:end\n' : '')
  );
}
