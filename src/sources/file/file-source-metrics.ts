// The file source's counters: the shared ones plus how many files it follows and whether it polls.
import { createSourceStats, type SourceStats } from '../source-metrics.js';

export interface FileSourceStats extends SourceStats {
  /** Files currently open for reading. */
  filesOpen: number;
  /** Times watching failed and the source switched to polling. */
  pollFallbacks: number;
  /** 1 while every file is polled, 0 while inotify events drive reading. */
  polling: number;
}

export function createFileSourceStats(): FileSourceStats {
  return { ...createSourceStats(), filesOpen: 0, pollFallbacks: 0, polling: 0 };
}
