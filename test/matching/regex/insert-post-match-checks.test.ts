import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import { insertPostMatchChecks } from '../../../src/matching/regex/insert-post-match-checks.js';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { printRe2Regex } from '../../../src/matching/regex/print-re2-regex.js';

function run(p: string) {
  const parsed = parsePythonRegex(p);
  const result = insertPostMatchChecks(parsed.root, parsed, 0);
  return { ...result, source: printRe2Regex(result.root).source };
}

function unsupported(p: string, construct: string): void {
  assert.throws(
    () => run(p),
    (e: unknown) =>
      e instanceof Fail2nftError &&
      e.code === 'F2N_ERR_REGEX_UNSUPPORTED' &&
      e.details.construct === construct,
    p,
  );
}

test('a look-ahead becomes an empty marker group and a check of its content', () => {
  const r = run(String.raw`^ab(?=\d+x)c`);
  assert.equal(r.source, '^ab()c');
  assert.deepEqual(
    r.checks.map((c) => [c.kind, c.kind === 'lookahead' && c.negated, c.exact]),
    [['lookahead', false, true]],
  );
});

test('a check after a choice is marked not exact', () => {
  assert.equal(run(String.raw`^(?:a|b)(?=\d)`).checks[0]?.exact, false);
  assert.equal(run(String.raw`^(?:x(?=\d))?`).checks[0]?.exact, false);
});

test('a look-behind check records its width', () => {
  const check = run(String.raw`x(?<=ab)`).checks[0];
  assert.equal(check?.kind === 'lookbehind' && check.width, 2);
});

test('a back-reference becomes a group holding a copy of the referenced subpattern', () => {
  const r = run(String.raw`(\d+)-\1`);
  assert.equal(r.source, String.raw`(\p{Nd}+)-(\p{Nd}+)`);
  assert.equal(r.checks[0]?.kind, 'backreference');
});

test('a tempered token becomes a span between two markers and a check over it', () => {
  const r = run('(?:(?!ab).)*c');
  assert.equal(r.source, '().*()c');
  assert.equal(r.checks[0]?.kind, 'absent-in-span');
});

test('a conditional left over gets markers in both branches', () => {
  const r = run('(?:(a)|b)*(?(1)c|d)');
  assert.equal(r.checks[0]?.kind, 'conditional');
});

test('constructs inside a repetition, nested look-arounds and capturing look-aheads are errors', () => {
  unsupported('(?:a(?=b)c)*', '(?=b)');
  unsupported(String.raw`(a)(?:\1)+`, String.raw`\1`);
  unsupported('(?=a(?!b))', '(?=a(?!b))');
  unsupported('(?=(a))', '(?=(a))');
  unsupported('(?>a)', '(?>a)');
  unsupported('a++', 'a++');
});
