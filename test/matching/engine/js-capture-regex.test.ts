import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createJsCaptureRegex, re2SourceToJs } from '../../../src/matching/js-capture-regex.js';
import { compileFailregex, groupValues } from '../../../src/matching/regex/compile-failregex.js';
import { bundledConfigDir } from '../../support/project-paths.js';
import { corpusRegexes } from './corpus-regexes.js';

test('printed RE2 syntax becomes V8 u-mode syntax with numbered groups', () => {
  assert.equal(re2SourceToJs('\\x{1C}-\\x{2028}', false), '\\u{1C}-\\u{2028}');
  assert.equal(re2SourceToJs('(?P<ip4>a.b)(?s:.)', false), '(a[^\\n]b)[^]');
  assert.equal(re2SourceToJs('\\Afoo\\z', false), '^foo$');
  assert.equal(re2SourceToJs('[.\\]](?:x)\\p{Nd}', false), '[.\\]](?:x)\\p{Nd}');
});

test('constructs without an exact twin give none', () => {
  assert.equal(re2SourceToJs('(?i:abc)', false), undefined);
  assert.equal(re2SourceToJs('(?m:^)x', false), undefined);
  assert.equal(re2SourceToJs('\\bword', true), undefined);
  assert.equal(re2SourceToJs('\\p{Greek}', false), undefined);
  assert.equal(re2SourceToJs('\\C', false), undefined);
  const checked = compileFailregex('^(?!bad)\\w+ from <HOST>$');
  assert.equal(checked.translation.checks.length > 0 ? createJsCaptureRegex(checked) : undefined, undefined);
});

test('on every corpus line an RE2 regex matches, its twin finds the same groups (our filters and Debian filters)', () => {
  const dirs = [bundledConfigDir, '/etc/fail2ban'].filter((d) => existsSync(join(d, 'filter.d')));
  let compared = 0;
  let twins = 0;
  for (const dir of dirs) {
    for (const { compiled, lines } of corpusRegexes(dir)) {
      const twin = createJsCaptureRegex(compiled);
      if (twin === undefined) continue;
      twins++;
      for (const line of lines) {
        // Search both the line and its tail after the first 16 characters (a cut syslog date).
        for (const text of [line, line.slice(16)]) {
          const expected = compiled.exec(text);
          if (expected === null) continue;
          const actual = twin.exec(text);
          assert.notEqual(actual, null, `${compiled.regex}\n  ${text}`);
          if (actual === null) continue;
          assert.deepEqual(
            groupValues(compiled, actual),
            groupValues(compiled, expected),
            `${compiled.regex}\n  ${text}`,
          );
          compared++;
        }
      }
    }
  }
  assert.ok(twins > 50, `${twins} twins`);
  assert.ok(compared > 500, `${compared} matches compared`);
});
