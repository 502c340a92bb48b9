// Group names with a meaning to fail2ban: which groups identify the failure, and the compound names
// `alt_NAME[_N]` (a fallback value for NAME, taken when NAME is empty) and `tuple_NAME[_N]` (parts
// combined with NAME into a tuple).
import { groupNameForTag } from './expand-regex-tags.js';

/** Groups that give a failure its id, in the order fail2ban looks for one. */
export const FAILURE_ID_GROUPS = ['fid', 'ip4', 'ip6', 'dns'] as const;
/** A failregex (or its prefregex) must have one of these. */
export const FAILURE_ID_PRESENT_GROUPS = [...FAILURE_ID_GROUPS, 'mlfid'] as const;

export interface CompoundGroup {
  /** The group as named in the pattern, e.g. `alt_user_1`. */
  readonly source: string;
  /** The group it contributes to, e.g. `user`. */
  readonly target: string;
}

export interface CompoundGroups {
  readonly alternates: readonly CompoundGroup[];
  readonly tuples: readonly CompoundGroup[];
}

const COMPOUND = /^(alt_|tuple_)(.*?)(?:_\d+)?$/;

/** Sorted by source name, the order in which fail2ban merges them. */
export function compoundGroups(names: Iterable<string>): CompoundGroups {
  const alternates: CompoundGroup[] = [];
  const tuples: CompoundGroup[] = [];
  for (const source of [...names].sort()) {
    if (source.length <= 'alt_'.length) continue;
    const m = COMPOUND.exec(source);
    if (m === null) continue;
    const entry = { source, target: groupNameForTag(m[2] ?? '') };
    (m[1] === 'alt_' ? alternates : tuples).push(entry);
  }
  return { alternates, tuples };
}

export function hasFailureIdGroup(names: Iterable<string>): boolean {
  const set = new Set(names);
  return FAILURE_ID_PRESENT_GROUPS.some((g) => set.has(g));
}
