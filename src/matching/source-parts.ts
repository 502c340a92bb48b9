// Splits a source's jails into the part whose chunks any worker may match in any order (stateless:
// maxlines 1 and no <F-MLFID>, so a line's failures depend only on the line and the previous date) and
// the part that needs every chunk in order with its state (sessions merged by <F-MLFID>, multi-line
// buffers). Compiles every filter once on the way, so that a bad regex fails here, naming its filter,
// and not later in a worker.
import type { FilterSpec } from '../core/filter-spec.js';
import { compileFilter } from './compile-filter.js';
import type { WorkerSource } from './match-task.js';
import type { SourceSpec } from './source-matcher-types.js';

export interface SourceParts extends WorkerSource {
  /** Jail name → position in the source (the order failures of one line are listed in). */
  readonly jailOrder: ReadonlyMap<string, number>;
}

export function isStatefulFilter(spec: FilterSpec): boolean {
  if (spec.maxlines > 1) return true;
  const compiled = compileFilter(spec);
  const regexes = [compiled.prefregex, ...compiled.failregex].filter((r) => r !== undefined);
  return regexes.some((r) => r.groups.has('mlfid'));
}

/**
 * `whole`: a source with any stateful jail matches all its jails in its stateful part. Worth it with a
 * single worker, where both parts would run on the same thread anyway: each chunk's lines are then
 * walked (scanned, split, dated) once instead of twice.
 */
export function splitSource(source: SourceSpec, whole = false): SourceParts {
  const stateless: FilterSpec[] = [];
  const stateful: FilterSpec[] = [];
  const kinds = source.jails.map(isStatefulFilter);
  const anyStateful = kinds.includes(true);
  source.jails.forEach((jail, i) => {
    (kinds[i] === true || (whole && anyStateful) ? stateful : stateless).push(jail);
  });
  return {
    ...(stateless.length === 0 ? {} : { stateless: { id: source.id, jails: stateless } }),
    ...(stateful.length === 0 ? {} : { stateful: { id: source.id, jails: stateful } }),
    jailOrder: new Map(source.jails.map((jail, index) => [jail.name, index])),
  };
}
