// Loads every filter of a configuration directory's filter.d once per mode it offers (see
// filter-modes.ts), for the translation report. A filter that fails to load is reported, not skipped.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatProblem, ProblemList } from '../../src/config/config-problem.js';
import { parseIniText } from '../../src/config/parse-ini-text.js';
import type { FilterSettings } from '../../src/config/config-types.js';
import { loadFilter } from '../../src/config/load-filter.js';
import { filterModes, readFilterOptions } from './filter-modes.js';

export interface FilterVariant {
  readonly filter: string;
  /** Undefined for a filter without modes. */
  readonly mode: string | undefined;
  readonly settings: FilterSettings;
}

export interface FilterLoadFailure {
  readonly filter: string;
  readonly mode: string | undefined;
  readonly problems: readonly string[];
}

export interface LoadedVariants {
  readonly configDir: string;
  readonly variants: readonly FilterVariant[];
  readonly failures: readonly FilterLoadFailure[];
  /**
   * Files other filters include ([INCLUDES] before/after) that do not load on their own: they rely on
   * options of the including filter (selinux-common), and fail2ban-regex refuses them alike.
   */
  readonly includeOnly: readonly FilterLoadFailure[];
}

/** Names (without .conf/.local) that some file of the directory includes. */
function includedNames(filterDir: string, files: readonly string[]): Set<string> {
  const names = new Set<string>();
  const problems = new ProblemList();
  for (const file of files) {
    const parsed = parseIniText(readFileSync(join(filterDir, file), 'utf8'), file, problems);
    const includes = parsed.sections.get('INCLUDES')?.options;
    for (const key of ['before', 'after']) {
      for (const name of (includes?.get(key)?.value ?? '').split(/\s+/)) {
        if (name !== '') names.add(basename(name).replace(/\.(conf|local)$/, ''));
      }
    }
  }
  // Syntax problems surface again, with file and line, when the filter itself is loaded.
  return names;
}

function loadOne(
  configDir: string,
  filter: string,
  mode: string | undefined,
): FilterVariant | FilterLoadFailure {
  const params = mode === undefined ? undefined : new Map([['mode', mode]]);
  const result = loadFilter({ configDir, filter, ...(params === undefined ? {} : { params }) });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (result.filter === undefined || errors.length > 0) {
    const problems = errors.length > 0 ? errors : result.problems;
    return { filter, mode, problems: problems.map(formatProblem) };
  }
  return { filter, mode, settings: result.filter };
}

/** Every `*.conf` of DIR/filter.d, each with every mode it offers (the default mode first). */
export function loadFilterVariants(configDir: string): LoadedVariants {
  const filterDir = join(configDir, 'filter.d');
  const files = readdirSync(filterDir)
    .filter((file) => file.endsWith('.conf'))
    .sort();
  const included = includedNames(filterDir, files);
  const variants: FilterVariant[] = [];
  const failures: FilterLoadFailure[] = [];
  const includeOnly: FilterLoadFailure[] = [];
  for (const filter of files.map((file) => file.slice(0, -'.conf'.length))) {
    const first = loadOne(configDir, filter, undefined);
    if (!('settings' in first)) {
      (included.has(filter) ? includeOnly : failures).push(first);
      continue;
    }
    const modes = filterModes(readFilterOptions(first.settings.files));
    for (const mode of modes.length === 0 ? [undefined] : modes) {
      const loaded = mode === undefined ? first : loadOne(configDir, filter, mode);
      if ('settings' in loaded) variants.push(loaded);
      else failures.push(loaded);
    }
  }
  return { configDir, variants, failures, includeOnly };
}
