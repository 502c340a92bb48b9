// The composition root's bridge from a configured filter (config stage) to what matching needs.
import type { FilterSettings } from '../config/index.js';
import type { FilterSpec, UseDns } from '../core/filter-spec.js';

export function filterSpecOf(filter: FilterSettings, name: string, usedns: UseDns): FilterSpec {
  return {
    name,
    failregex: filter.failregex,
    ignoreregex: filter.ignoreregex,
    ...(filter.prefregex === undefined ? {} : { prefregex: filter.prefregex }),
    maxlines: filter.maxlines,
    ...(filter.datepattern === undefined ? {} : { datepattern: filter.datepattern }),
    usedns,
  };
}
