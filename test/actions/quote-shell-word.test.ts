import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteShellWord } from '../../src/actions/quote-shell-word.js';
import { hostileValues, runRendered } from './action-test-kit.js';

test('plain words stay as they are', () => {
  assert.equal(quoteShellWord('/usr/sbin/sendmail'), '/usr/sbin/sendmail');
  assert.equal(quoteShellWord('root@example.org'), 'root@example.org');
});

test("other words are single-quoted with ' written as '\\''", () => {
  assert.equal(quoteShellWord("it's"), `'it'\\''s'`);
  assert.equal(quoteShellWord(''), "''");
});

test('the shell reads every quoted hostile word back unchanged', () => {
  for (const value of hostileValues) {
    const result = runRendered({ script: `printf '%s' ${quoteShellWord(value)}`, env: {} });
    assert.equal(result.stdout, value);
  }
});
