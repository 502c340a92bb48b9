import { test } from 'node:test';
import assert from 'node:assert/strict';
import { substituteTags } from '../../src/config/substitute-tags.js';
import { Fail2nftError } from '../../src/core/errors.js';

test('tags are replaced by other options, recursively', () => {
  const out = substituteTags(new Map([['a', '3'], ['b', '<a>_3'], ['c', '<b>/<a>']]));
  assert.equal(out.get('b'), '3_3');
  assert.equal(out.get('c'), '3_3/3');
});

test('a tag built from another tag resolves in two steps: <mdre-<mode>>', () => {
  const out = substituteTags(
    new Map([
      ['mode', 'aggressive'],
      ['mdre-normal', 'N'],
      ['mdre-aggressive', 'A'],
      ['failregex', '^x <mdre-<mode>>$'],
    ]),
  );
  assert.equal(out.get('failregex'), '^x A$');
});

test('unknown tags such as <HOST> stay', () => {
  const out = substituteTags(new Map([['failregex', 'from <HOST> user <F-USER>.*</F-USER>']]));
  assert.equal(out.get('failregex'), 'from <HOST> user <F-USER>.*</F-USER>');
});

test('the lookup supplies tags that are not options', () => {
  const out = substituteTags(new Map([['r', '<ipt_multi/_rule>']]), {
    lookup: (tag) => (tag === 'ipt_multi/_rule' ? '-m multiport' : undefined),
  });
  assert.equal(out.get('r'), '-m multiport');
});

test('ignored tags are neither replaced nor rewritten', () => {
  const out = substituteTags(new Map([['iptables', 'iptables -w'], ['ban', '<iptables> -I <chain>'], ['chain', 'INPUT']]), {
    ignore: new Set(['iptables']),
  });
  assert.equal(out.get('ban'), '<iptables> -I INPUT');
});

test('a conditional value is preferred when a condition is given', () => {
  const out = substituteTags(new Map([['t', 'REJECT'], ['t?family=inet6', 'REJECT6'], ['ban', '-j <t>']]), {
    conditional: 'family=inet6',
  });
  assert.equal(out.get('ban'), '-j REJECT6');
});

test('a tag that refers to itself is an error', () => {
  assert.throws(
    () => substituteTags(new Map([['a', 'x<a>']])),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_CONFIG_TAG_LOOP',
  );
  assert.throws(() => substituteTags(new Map([['a', '<b>'], ['b', '<a>']])), Fail2nftError);
});

test('the input map is not modified', () => {
  const input = new Map([['a', '1'], ['b', '<a>']]);
  substituteTags(input);
  assert.equal(input.get('b'), '<a>');
});
