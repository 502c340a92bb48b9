// --repeat: of several runs of one side, the run with the median end-to-end time stands for all of them
// (an odd count picks the middle one, an even count the slower of the two middle ones), with every
// run's time attached. Runs that decided differently are noted: the decisions must not depend on timing.
import { seconds, type SideResult } from './service-bench-results.js';

function decisions(run: SideResult): string {
  return JSON.stringify([run.failures, run.bans]);
}

export function medianRun(runs: readonly SideResult[]): SideResult {
  const first = runs[0];
  if (first === undefined) throw new RangeError('medianRun needs at least one run');
  if (runs.length === 1) return first;
  const sorted = [...runs].sort((a, b) => seconds(a) - seconds(b));
  const median = sorted[Math.floor(sorted.length / 2)] ?? first;
  const differing = runs.flatMap((run, index) => (decisions(run) === decisions(first) ? [] : [index + 1]));
  const notes =
    differing.length === 0
      ? []
      : [`runs ${differing.join(', ')} decided differently from run 1 (failures or bans)`];
  return { ...median, runSeconds: runs.map(seconds), notes: [...median.notes, ...notes] };
}
