// The source matcher against the sequential LineFilter on Debian's fail2ban filters (/etc/fail2ban) and
// fail2ban's corpus: a wider set of regexes and log formats than our own filters (dates inside lines,
// Apache's "[date]", sessions, odd prefixes). Skipped where fail2ban is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadFilter } from '../../../src/config/load-filter.js';
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { compileFilter } from '../../../src/matching/compile-filter.js';
import { createSourceMatcher } from '../../../src/matching/source-matcher.js';
import { sharedDir } from '../../support/project-paths.js';
import { sampleNowMs, sampleTimeZone } from '../../support/sample-runner.js';
import { failureKey, referenceFailures, sampleOptionSets, type FailureKey } from './reference-matcher.js';
import { filterSpecOf } from '../../../src/service/filter-spec-of.js';

process.env.TZ = sampleTimeZone;

const debianDir = '/etc/fail2ban';
const corpusDir = join(sharedDir, 'fail2ban-samples');

function jailsOf(name: string): FilterSpec[] {
  const jails: FilterSpec[] = [];
  for (const params of sampleOptionSets(join(corpusDir, name))) {
    const filter = loadFilter({
      configDir: debianDir,
      filter: name,
      params: new Map(Object.entries(params)),
    }).filter;
    if (filter === undefined) continue;
    const spec: FilterSpec = filterSpecOf(filter, `${name}${JSON.stringify(params)}`, 'warn');
    try {
      compileFilter(spec);
      jails.push(spec);
    } catch {
      // A regex RE2 cannot run: refused at configuration time, nothing to compare.
    }
  }
  return jails;
}

test(
  'on every Debian filter with corpus samples the matcher finds what LineFilter finds',
  { skip: !existsSync(join(debianDir, 'filter.d')) },
  () => {
    let filters = 0;
    for (const file of readdirSync(join(debianDir, 'filter.d')).filter((f) => f.endsWith('.conf'))) {
      const name = file.slice(0, -'.conf'.length);
      if (!existsSync(join(corpusDir, name))) continue;
      const jails = jailsOf(name);
      if (jails.length === 0) continue;
      filters++;
      const text = readFileSync(join(corpusDir, name));
      for (const checkFindTime of [false, true]) {
        const expected = referenceFailures(jails, text, { nowMs: sampleNowMs, checkFindTime }).keys;
        for (const chunkBytes of [1 << 20, 500]) {
          const matcher = createSourceMatcher({ id: name, jails }, { checkFindTime });
          const actual: FailureKey[] = [];
          let first = 1;
          for (let start = 0; start < text.length;) {
            const newline = text.indexOf(10, Math.min(text.length, start + chunkBytes) - 1);
            const end = newline < 0 ? text.length : newline + 1;
            const result = matcher.processChunk(text.subarray(start, end), { nowMs: sampleNowMs });
            for (const f of result.failures) actual.push(failureKey(first + f.lineInChunk, f));
            first += result.lines;
            start = end;
          }
          assert.deepEqual(
            actual,
            expected,
            `${name}, checkFindTime ${checkFindTime}, chunks of ${chunkBytes}`,
          );
        }
      }
    }
    assert.ok(filters > 50, `${filters} filters`);
  },
);
