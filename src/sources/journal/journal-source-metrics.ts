// The journal source's counters: the shared ones plus entries journalctl printed that were not JSON or
// had no timestamp (also counted in errors).
import { createSourceStats, type SourceStats } from '../source-metrics.js';

export interface JournalSourceStats extends SourceStats {
  malformed: number;
}

export function createJournalSourceStats(): JournalSourceStats {
  return { ...createSourceStats(), malformed: 0 };
}
