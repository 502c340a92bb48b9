// Every directory under test/fixtures/config-invalid is a configuration that must fail to load with the
// failure it is named after; expected.json gives the error code and the file and line it must name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { fixturesDir } from '../support/project-paths.js';

interface Expected {
  readonly code: string;
  readonly file: string;
  readonly line: number;
}

const root = join(fixturesDir, 'config-invalid');
const names = readdirSync(root).sort();

test('there is a fixture for every kind of configuration failure', () => {
  assert.ok(names.length >= 15, `only ${names.length} fixtures`);
});

for (const name of names) {
  const dir = join(root, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  test(`config-invalid/${name} fails with ${expected.code} at ${expected.file}:${expected.line}`, () => {
    const result = loadConfig(dir);
    assert.equal(result.config, undefined, 'the configuration must not load');
    const errors = result.problems
      .filter((p) => p.severity === 'error')
      .map((p) => ({ code: p.code, file: relative(dir, p.file), line: p.line }));
    assert.ok(
      errors.some((e) => e.code === expected.code && e.file === expected.file && e.line === expected.line),
      `expected ${JSON.stringify(expected)} among ${JSON.stringify(errors)}`,
    );
  });
}
