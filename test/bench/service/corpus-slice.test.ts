import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markerAddressesIn, sliceCorpus } from '../../../bench/service/corpus-slice.js';

const corpus = Buffer.from('one\ntwo\nthree\n');

test('the whole corpus is taken when no line count is given', () => {
  const slice = sliceCorpus(corpus, undefined);
  assert.equal(slice.lines, 3);
  assert.equal(slice.bytes.toString(), 'one\ntwo\nthree\n');
});

test('the first N whole lines are taken', () => {
  const slice = sliceCorpus(corpus, 2);
  assert.equal(slice.lines, 2);
  assert.equal(slice.bytes.toString(), 'one\ntwo\n');
  assert.equal(sliceCorpus(corpus, 10).lines, 3);
});

test('a last line without newline gets one', () => {
  const slice = sliceCorpus(Buffer.from('one\ntwo'), undefined);
  assert.equal(slice.lines, 2);
  assert.equal(slice.bytes.toString(), 'one\ntwo\n');
});

test('marker addresses are found only as whole addresses', () => {
  const slice = sliceCorpus(
    Buffer.from('rip=100.64.0.17\nunknown[2100.64.0.1]\nrip=100.64.0.2, x\n'),
    undefined,
  );
  assert.deepEqual(markerAddressesIn(slice, ['100.64.0.1', '100.64.0.2']), ['100.64.0.2']);
});
