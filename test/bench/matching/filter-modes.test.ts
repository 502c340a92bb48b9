import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { filterModes, readFilterOptions } from '../../../bench/matching/filter-modes.js';
import { removeTree, writeTree } from '../../support/project-paths.js';

test('a filter without <…<mode>…> references has no modes', () => {
  assert.deepEqual(filterModes(new Map([['failregex', '^fail from <HOST>$']])), []);
});

test('modes are the names every mode reference finds, the mode option first', () => {
  const options = new Map([
    ['mode', 'normal'],
    ['prefregex', '^<pre-<mode>> <F-CONTENT>.+</F-CONTENT>$'],
    ['failregex', '<re-<mode>>'],
    ['pre-normal', 'a'],
    ['pre-auth', 'b'],
    ['pre-only', 'c'],
    ['re-normal', 'x'],
    ['re-auth', 'y'],
    ['re-extra', 'z'],
  ]);
  assert.deepEqual(filterModes(options), ['normal', 'auth']);
});

test('a suffixed reference keeps helper options from passing for modes', () => {
  const options = new Map([
    ['mode', 'normal'],
    ['failregex', '<re-<mode>>\n<re-<mode>-other>'],
    ['re-normal', ''],
    ['re-normal-other', 'a'],
    ['re-ddos', 'b'],
    ['re-ddos-other', 'c'],
  ]);
  assert.deepEqual(filterModes(options), ['normal', 'ddos']);
});

test('the options of a filter and its includes are read from every section', () => {
  const dir = writeTree({
    'common.conf': '[DEFAULT]\nshared = 1\n',
    'demo.conf':
      '[INCLUDES]\nbefore = common.conf\n[Definition]\nmode = a\nfailregex = <r-<mode>>\nr-a = x\nr-b = y\n',
  });
  try {
    const options = readFilterOptions([join(dir, 'common.conf'), join(dir, 'demo.conf')]);
    assert.equal(options.get('shared'), '1');
    assert.equal(options.get('before'), 'common.conf');
    assert.deepEqual(filterModes(options), ['a', 'b']);
  } finally {
    removeTree(dir);
  }
});
