import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  asciiTwinSource,
  createAsciiLinearTwin,
  linearFallbackAvailable,
} from '../../../src/matching/ascii-linear-twin.js';
import { createBytesSearchRegex } from '../../../src/matching/bytes-search-regex.js';
import { createJsCaptureRegex } from '../../../src/matching/js-capture-regex.js';
import { compileFailregex, groupValues } from '../../../src/matching/regex/compile-failregex.js';
import { bundledConfigDir } from '../../support/project-paths.js';
import { corpusRegexes } from './corpus-regexes.js';

test('this Node runs regexes with the linear-engine fallback', () => {
  assert.equal(linearFallbackAvailable(), true);
});

test('Unicode classes and escapes get their ASCII form, inside and outside brackets', () => {
  assert.equal(asciiTwinSource('\\p{Nd}+[_\\p{L}\\p{N}]'), '[0-9]+[_A-Za-z0-9]');
  assert.equal(asciiTwinSource('[\\t-\\r\\u{1C}- \\u{85}\\u{2028}]'), '[\\t-\\r\\u001c- \\u0085\\u2028]');
  assert.equal(asciiTwinSource('(a)(?:b|c)*\\.$'), '(a)(?:b|c)*\\.$');
});

test('what has no ASCII form without the u flag gives none', () => {
  assert.equal(asciiTwinSource('\\u{1F600}'), undefined);
  assert.equal(asciiTwinSource('[\\u{10000}-\\u{10FFFF}]'), undefined);
  assert.equal(asciiTwinSource('caf\u00e9'), undefined);
  assert.equal(asciiTwinSource('\\P{L}'), undefined);
  assert.equal(asciiTwinSource('\\p{Greek}'), undefined);
  assert.equal(asciiTwinSource('[abc'), undefined);
});

test("a single character's bounded repetition is written out; lazy ones with lazy copies", () => {
  assert.equal(asciiTwinSource('[0-9]{1,3}\\.'), '[0-9][0-9]?[0-9]?\\.');
  assert.equal(asciiTwinSource('f{4,6}:'), 'fffff?f?:');
  assert.equal(asciiTwinSource('a{2}'), 'aa');
  assert.equal(asciiTwinSource('\\p{Nd}{1,2}?x'), '[0-9][0-9]??x');
  // Groups, open-ended and long repetitions stay as they are.
  assert.equal(asciiTwinSource('(?:ab){1,7}'), '(?:ab){1,7}');
  assert.equal(asciiTwinSource('a{2,}'), 'a{2,}');
  assert.equal(asciiTwinSource('a{1,40}'), 'a{1,40}');
});

/** A seeded generator of short strings over a small alphabet, so that repetitions meet their bounds. */
function* randomTexts(seed: number, count: number): Generator<string> {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const alphabet = 'aab1:.x ';
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = Math.floor(next() * 14);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)] ?? '';
    yield text;
  }
}

test('a written-out repetition finds the same match and groups as the repetition itself', () => {
  const patterns = [
    '^(a{1,3})(a*)b',
    '(a{1,3}?)(a{0,2})(b|1)',
    '((?:a{1,2}:{1,2}|::){1,3})(x?)',
    '^([ab1]{2,4})([ab1]{1,3}?)\\.?(.*)$',
    '(1{0,3})(a{2})( ?)',
  ];
  for (const pattern of patterns) {
    const original = new RegExp(pattern, 'u');
    const source = asciiTwinSource(original.source);
    assert.notEqual(source, undefined, pattern);
    const rewritten = new RegExp(source ?? '');
    for (const text of randomTexts(7, 3000)) {
      assert.deepEqual(rewritten.exec(text), original.exec(text), `${pattern} on ${JSON.stringify(text)}`);
    }
  }
});

test('a pattern that backtracks exponentially still ends, through V8s linear engine', () => {
  // 2^60 ways to split the a's: without the fallback this exec would not end.
  const compiled = compileFailregex('^(?:a|a)*<ADDR>$');
  const twin = createJsCaptureRegex(compiled);
  assert.ok(twin !== undefined && createAsciiLinearTwin(twin, compiled.translation.groupCount) !== undefined);
  const regex = createBytesSearchRegex(compiled);
  const line = Buffer.from(`${'a'.repeat(60)}b`);
  // Several times: V8 compiles a regex it runs again to machine code, which must give up the same way.
  for (let i = 0; i < 5; i++) assert.equal(regex.search(line, true), undefined);
  const hit = regex.search(Buffer.from(`${'a'.repeat(60)}192.0.2.7`), true);
  assert.equal(hit?.groups.ip4, '192.0.2.7');
});

function isAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

test('on every ASCII corpus line the ASCII twin matches exactly where RE2 does, with its groups (our filters and Debian filters)', () => {
  const dirs = [bundledConfigDir, '/etc/fail2ban'].filter((d) => existsSync(join(d, 'filter.d')));
  let twins = 0;
  let matched = 0;
  let missed = 0;
  for (const dir of dirs) {
    for (const { compiled, lines } of corpusRegexes(dir, isAsciiText)) {
      const twin = createJsCaptureRegex(compiled);
      const ascii =
        twin === undefined ? undefined : createAsciiLinearTwin(twin, compiled.translation.groupCount);
      if (ascii === undefined) continue;
      twins++;
      for (const line of lines) {
        // The line and its tail after the first 16 characters (a cut syslog date).
        for (const text of [line, line.slice(16)]) {
          const expected = compiled.exec(text);
          const actual = ascii.exec(text);
          assert.equal(actual === null, expected === null, `${compiled.regex}\n  ${text}`);
          if (actual === null || expected === null) {
            missed++;
            continue;
          }
          assert.equal(actual.index, expected.index, `${compiled.regex}\n  ${text}`);
          assert.deepEqual(
            groupValues(compiled, actual),
            groupValues(compiled, expected),
            `${compiled.regex}\n  ${text}`,
          );
          matched++;
        }
      }
    }
  }
  assert.ok(twins > 100, `${twins} twins`);
  assert.ok(matched > 500, `${matched} matches compared`);
  assert.ok(missed > 5000, `${missed} misses compared`);
});
