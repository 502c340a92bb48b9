// Histogram buckets, chosen for the quantity each histogram measures. A 1-2.5-5 ladder per decade keeps
// quantile estimates within a factor of 2.5 while every histogram stays at 14-15 buckets per series.

/**
 * From a line read to the kernel commit holding its ban: a few milliseconds when the pipeline keeps up
 * (batching waits up to batch.delay, 5 ms by default), seconds when it is behind. 0.5 ms to 10 s.
 */
export const banLatencyBuckets = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/**
 * One chunk of lines on a worker: a 256 KiB chunk of a mail log takes about 1-5 ms at 0.5 M lines/s,
 * a small chunk of a quiet log tens of microseconds. 50 µs to 2.5 s.
 */
export const matchBatchBuckets = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
] as const;

/** Time a chunk waits between being read and a worker starting on it (backpressure). 0.1 ms to 10 s. */
export const queueWaitBuckets = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/** One firewall transaction (nft -f or ipset restore): about a millisecond per run plus the elements. */
export const commitDurationBuckets = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/** Elements (bans and unbans) in one firewall transaction: 1 on a quiet host, thousands in a flood. */
export const firewallBatchSizeBuckets = [
  1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
] as const;

/** One write transaction of the ban store (SQLite): tens of microseconds, more when it syncs. */
export const storeWriteBuckets = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
] as const;
