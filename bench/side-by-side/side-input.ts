// What one side of one run gets: the scenario, the lines to append and how, and what is needed to
// compute latencies. Plain data.
import type { Scenario } from './scenarios.js';
import type { Piece } from './write-times.js';

export interface SideInput {
  readonly scenario: Scenario;
  /** The row's name: the scenario, or the paced sub-scenario. */
  readonly run: string;
  readonly pieces: readonly Piece[];
  readonly lines: number;
  readonly bytes: number;
  /** Paced: one piece every tickMs at this line rate; undefined = full speed. */
  readonly paced: { readonly tickMs: number; readonly linesPerSec: number } | undefined;
  readonly completing: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly listSets: boolean;
  readonly timeoutMs: number;
  readonly progress: (message: string) => void;
}
