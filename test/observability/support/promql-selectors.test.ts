import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listSelectors, metricNamesOf, variableQueryExpr } from './promql-selectors.js';

test('a plain selector and one with matchers are found with their matchers', () => {
  assert.deepEqual(listSelectors('up'), [{ metric: 'up', matchers: '' }]);
  assert.deepEqual(listSelectors('fail2nft_bans_active{jail=~"$jail", instance="a:1"}'), [
    { metric: 'fail2nft_bans_active', matchers: 'jail=~"$jail", instance="a:1"' },
  ]);
});

test('functions, aggregations and their by/without label lists are not metrics', () => {
  const expr =
    'histogram_quantile(0.99, sum by (le, jail) (rate(fail2nft_ban_latency_seconds_bucket{instance=~"$instance"}[$__rate_interval])))';
  assert.deepEqual(metricNamesOf(expr), ['fail2nft_ban_latency_seconds_bucket']);
  assert.deepEqual(metricNamesOf('sum without (worker) (a_total) / on (instance) group_left (jail) b'), [
    'a_total',
    'b',
  ]);
  assert.deepEqual(metricNamesOf('topk(5, sum(x) by (source))'), ['x']);
});

test('numbers, durations, strings, keywords and offsets are not metrics', () => {
  assert.deepEqual(metricNamesOf('60 * rate(a[5m] offset 1h) > bool 1e3 and b or vector(0)'), ['a', 'b']);
  assert.deepEqual(metricNamesOf('label_replace(a, "dst", "$1", "src", "(.*)")'), ['a']);
  assert.deepEqual(metricNamesOf('x or on() vector(0)'), ['x']);
  assert.deepEqual(metricNamesOf('max_over_time(a[1h:1m]) unless b'), ['a', 'b']);
});

test('braces inside strings do not end a matcher block', () => {
  assert.deepEqual(listSelectors('a{path="{x}"} + b'), [
    { metric: 'a', matchers: 'path="{x}"' },
    { metric: 'b', matchers: '' },
  ]);
});

test('a selector without a name takes it from __name__', () => {
  assert.deepEqual(metricNamesOf('{__name__="fail2nft_bans_total", jail="x"}'), ['fail2nft_bans_total']);
});

test('label_values(selector, label) gives its selector', () => {
  assert.equal(
    variableQueryExpr('label_values(fail2nft_bans_active{instance=~"$instance"}, jail)'),
    'fail2nft_bans_active{instance=~"$instance"}',
  );
  assert.equal(variableQueryExpr('up'), 'up');
});
