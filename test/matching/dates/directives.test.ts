import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  directiveKeyAt,
  expandDirective,
  usesWordDirective,
} from '../../../src/matching/dates/directives.js';

test('directive keys: the extended Ex forms first, then single letters; %E alone is none', () => {
  assert.equal(directiveKeyAt('%Exy', 1), 'Exy');
  assert.equal(directiveKeyAt('%ExY', 1), 'ExY');
  assert.equal(directiveKeyAt('%Y', 1), 'Y');
  assert.equal(directiveKeyAt('%%', 1), '%');
  assert.equal(directiveKeyAt('%Exq', 1), undefined);
  assert.equal(directiveKeyAt('%Q', 1), undefined);
  assert.equal(directiveKeyAt('%', 1), undefined);
});

test('every strptime and fail2ban directive expands to named fields', () => {
  const keys = 'aAbBcdfGHIjklmMpSuUVwWxXyYzZ'.split('');
  const extended = ['Exd', 'Exm', 'ExH', 'Exk', 'Exl', 'ExM', 'ExS', 'ExY', 'Exy', 'Exz', 'ExZ'];
  for (const key of [...keys, ...extended]) assert.ok(expandDirective(key).length > 0, key);
  assert.deepEqual(expandDirective('%'), [{ kind: 'text', text: '%' }]);
  // %k is an optional space then the hour: a quantifier after it applies to the hour only.
  assert.deepEqual(
    expandDirective('k').map((n) => n.kind),
    ['repeat', 'group'],
  );
});

test('word directives (not written as %%x) make a pattern ignore case', () => {
  assert.equal(usesWordDirective('%d/%b/%Y'), true);
  assert.equal(usesWordDirective('%Y-%m-%d %p'), true);
  assert.equal(usesWordDirective('%Y-%m-%d'), false);
  assert.equal(usesWordDirective('100%%b'), false);
});
