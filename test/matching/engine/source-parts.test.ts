import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { isStatefulFilter, splitSource } from '../../../src/matching/source-parts.js';
import { ourJail } from './reference-matcher.js';

const spec = (failregex: string[], extra: Partial<FilterSpec> = {}): FilterSpec => ({
  name: 'j',
  failregex,
  ignoreregex: [],
  maxlines: 1,
  usedns: 'warn',
  ...extra,
});

test('sessions (<F-MLFID>) and multi-line buffers make a filter stateful; plain single-line filters are not', () => {
  assert.equal(isStatefulFilter(ourJail('sshd')), true);
  assert.equal(isStatefulFilter(ourJail('postfix')), false);
  assert.equal(isStatefulFilter(spec(['from <HOST>$'], { maxlines: 2 })), true);
  assert.equal(isStatefulFilter(spec(['^<F-MLFID>\\d+</F-MLFID> from <HOST>$'])), true);
});

test('a source splits into its stateless and stateful jails and remembers their order', () => {
  const parts = splitSource({ id: 'mail', jails: [ourJail('postfix'), ourJail('sshd'), ourJail('dovecot')] });
  assert.deepEqual(
    parts.stateless?.jails.map((j) => j.name),
    ['postfix', 'dovecot'],
  );
  assert.deepEqual(
    parts.stateful?.jails.map((j) => j.name),
    ['sshd'],
  );
  assert.deepEqual(
    [...parts.jailOrder],
    [
      ['postfix', 0],
      ['sshd', 1],
      ['dovecot', 2],
    ],
  );
  assert.equal(splitSource({ id: 'x', jails: [ourJail('postfix')] }).stateful, undefined);
});

test('whole: a source with a stateful jail keeps all its jails, in order, in the stateful part', () => {
  const jails = [ourJail('postfix'), ourJail('sshd'), ourJail('dovecot')];
  const parts = splitSource({ id: 'mail', jails }, true);
  assert.equal(parts.stateless, undefined);
  assert.deepEqual(
    parts.stateful?.jails.map((j) => j.name),
    ['postfix', 'sshd', 'dovecot'],
  );
  // Without a stateful jail nothing needs the order: the jails stay stateless (any worker, any order).
  const plain = splitSource({ id: 'x', jails: [ourJail('postfix'), ourJail('dovecot')] }, true);
  assert.equal(plain.stateful, undefined);
  assert.equal(plain.stateless?.jails.length, 2);
});
