// The single-line regexes of a configuration's filters with the fail2ban corpus lines of each filter, for
// tests that compare a regex's JavaScript twins with RE2 on real log lines.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadFilter } from '../../../src/config/load-filter.js';
import { compileFailregex, type CompiledFailregex } from '../../../src/matching/regex/compile-failregex.js';
import { sharedDir } from '../../support/project-paths.js';

export interface CorpusRegex {
  readonly compiled: CompiledFailregex;
  readonly lines: readonly string[];
}

/** Every single-line failregex and prefregex of the filters in a directory, with the corpus lines kept. */
export function corpusRegexes(
  configDir: string,
  keep: (line: string) => boolean = () => true,
): CorpusRegex[] {
  const out: CorpusRegex[] = [];
  for (const file of readdirSync(join(configDir, 'filter.d')).filter((f) => f.endsWith('.conf'))) {
    const name = file.slice(0, -'.conf'.length);
    const sample = join(sharedDir, 'fail2ban-samples', name);
    if (!existsSync(sample)) continue;
    const filter = loadFilter({ configDir, filter: name }).filter;
    if (filter === undefined || filter.maxlines > 1) continue;
    const lines = readFileSync(sample, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#') && l !== '' && keep(l));
    const sources: [string, 'failregex' | 'prefregex'][] = [
      ...filter.failregex.map((r): [string, 'failregex'] => [r, 'failregex']),
      ...(filter.prefregex === undefined ? [] : [[filter.prefregex, 'prefregex'] as [string, 'prefregex']]),
    ];
    for (const [regex, role] of sources) {
      try {
        out.push({ compiled: compileFailregex(regex, { role }), lines });
      } catch {
        // Regexes RE2 cannot run are rejected at configuration time; nothing to compare.
      }
    }
  }
  return out;
}
