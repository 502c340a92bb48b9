// How many match workers `workers = auto` starts. The main thread is a busy thread of its own (reading,
// handing chunks over, counting, deciding) and the firewall's nft processes and the store's writer need
// CPU too, so auto leaves one core to them: on this project's 2-core machine two workers beside the
// main thread made ban latency p99 at 10k failures/s 65-190 ms, one worker 34-36 ms, and the mail log
// was read as fast (1.32-1.37M lines/s either way).

/** Workers for `configured` (0 = auto) on a machine with `cores` usable cores: 1 to 8. */
export function workerCount(configured: number, cores: number): number {
  if (configured > 0) return configured;
  return Math.max(1, Math.min(cores - 1, 8));
}
