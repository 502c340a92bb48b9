// Conformance of our filters (config/filter.d) on fail2ban's sample corpus (../shared/fail2ban-samples)
// and on our own samples (test/samples): every annotation, every option set, every failregex used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runSamples, sampleTimeZone } from '../support/sample-runner.js';
import { bundledConfigDir, projectRoot, sharedDir } from '../support/project-paths.js';

process.env.TZ = sampleTimeZone;

const corpusDir = join(sharedDir, 'fail2ban-samples');
const ownDir = join(projectRoot, 'test', 'samples');
const ourFilters = readdirSync(join(bundledConfigDir, 'filter.d'))
  .filter((f) => f.endsWith('.conf') && !f.startsWith('common') && !f.endsWith('-common.conf'))
  .map((f) => f.slice(0, -'.conf'.length))
  .sort();

test('every filter we ship has its own sample file', () => {
  for (const name of ourFilters) assert.ok(existsSync(join(ownDir, name)), `test/samples/${name} is missing`);
});

for (const name of ourFilters) {
  const files = [join(corpusDir, name), join(ownDir, name)].filter((f) => existsSync(f));
  const label = files.length === 2 ? "fail2ban's corpus and our samples" : 'our samples';
  test(`filter ${name} passes every annotation of ${label}`, () => {
    const report = runSamples({
      configDir: bundledConfigDir,
      name,
      sampleDirs: [ownDir, corpusDir],
      sampleFiles: files,
    });
    const details = report.problems
      .slice(0, 10)
      .map((p) => `${p.file}:${p.line} [${p.options}] ${p.message}`)
      .join('\n');
    assert.equal(report.problems.length, 0, `${report.passed}/${report.checked} passed\n${details}`);
    assert.ok(report.checked > 0);
  });
}
