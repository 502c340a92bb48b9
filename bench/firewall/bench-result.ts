// One row of the firewall benchmark.
export interface FirewallBenchResult {
  readonly scenario: string;
  /** nftables, nftables (add), ipset, nft per element, ... */
  readonly method: string;
  readonly elements: number;
  /** Elements per transaction (1 for one process per element). */
  readonly batch: number;
  readonly transactions: number;
  readonly totalMs: number;
  readonly elementsPerSecond: number;
  /** Per transaction, spawn included. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}
