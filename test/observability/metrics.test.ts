import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { parseIpAddress } from '../../src/core/ip-address.js';
import { Fail2nftAggregateError, Fail2nftError } from '../../src/core/errors.js';
import { allowedLabelNames } from '../../src/observability/metric-labels.js';
import {
  createMetrics,
  listDeclaredMetricNames,
  type Fail2nftMetrics,
} from '../../src/observability/metrics.js';
import { createAttackFeed } from './support/attack-metrics-feed.js';

interface SeriesValue {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
  readonly metricName?: string;
}

async function seriesOf(metrics: Fail2nftMetrics, name: string): Promise<SeriesValue[]> {
  const metric = metrics.registry.getSingleMetric(name);
  assert.ok(metric !== undefined, `${name} is declared`);
  return (await metric.get()).values as SeriesValue[];
}

async function valueOf(
  metrics: Fail2nftMetrics,
  name: string,
  labels: Readonly<Record<string, string>>,
  metricName = name,
): Promise<number | undefined> {
  const found = (await seriesOf(metrics, name)).find(
    (s) =>
      (s.metricName ?? name) === metricName &&
      Object.entries(labels).every(([key, value]) => String(s.labels[key]) === value) &&
      Object.keys(s.labels).filter((key) => key !== 'le').length === Object.keys(labels).length,
  );
  return found?.value;
}

function ownMetrics(): Fail2nftMetrics {
  return createMetrics({ collectDefault: false });
}

test('every declared metric, the default process metrics included, is named fail2nft_*', () => {
  const metrics = createMetrics();
  const names = listDeclaredMetricNames(metrics);
  assert.ok(names.includes('fail2nft_process_cpu_seconds_total'));
  assert.ok(names.includes('fail2nft_nodejs_eventloop_lag_p99_seconds'));
  for (const name of names) assert.match(name, /^fail2nft_[a-z0-9_]+$/);
});

test("fail2nft's own metrics use only the allowed label names", () => {
  const allowed = new Set<string>(allowedLabelNames);
  for (const metric of ownMetrics().registry.getMetricsAsArray()) {
    const labelNames = (metric as unknown as { labelNames: readonly string[] }).labelNames;
    for (const label of labelNames) assert.ok(allowed.has(label), `${metric.name} has label ${label}`);
  }
});

test('counters end in _total and durations are histograms in seconds', () => {
  for (const metric of ownMetrics().registry.getMetricsAsArray()) {
    const type = (metric as unknown as { type: string }).type;
    if (type === 'counter') assert.match(metric.name, /_total$/);
    else assert.doesNotMatch(metric.name, /_total$/);
    if (/duration|latency|wait/.test(metric.name)) {
      assert.equal(type, 'histogram', metric.name);
      assert.match(metric.name, /_seconds$/);
    }
  }
});

test('histograms list their _bucket, _sum and _count series among the declared names', () => {
  const names = listDeclaredMetricNames(ownMetrics());
  for (const suffix of ['', '_bucket', '_sum', '_count'])
    assert.ok(names.includes(`fail2nft_ban_latency_seconds${suffix}`), suffix);
  assert.ok(!names.includes('fail2nft_bans_total_bucket'));
  assert.ok(
    !names.includes('fail2nft_process_cpu_seconds_total'),
    'no default metrics when collectDefault is false',
  );
});

test('ban latency buckets run from half a millisecond to ten seconds', async () => {
  const metrics = ownMetrics();
  metrics.declareJail('sshd', 'sshd');
  const buckets = (await seriesOf(metrics, 'fail2nft_ban_latency_seconds'))
    .filter((s) => s.metricName === 'fail2nft_ban_latency_seconds_bucket')
    .map((s) => s.labels.le);
  assert.equal(buckets[0], 0.0005);
  assert.equal(buckets.at(-2), 10);
  assert.equal(buckets.at(-1), '+Inf');
});

test('two instances keep separate registries and a custom prefix names every metric', () => {
  const first = ownMetrics();
  const second = ownMetrics();
  first.recordBan('sshd', 'failures');
  assert.notEqual(first.registry, second.registry);
  const registry = new Registry();
  const prefixed = createMetrics({ registry, prefix: 'test_', collectDefault: false });
  assert.equal(prefixed.registry, registry);
  assert.ok(listDeclaredMetricNames(prefixed).every((name) => name.startsWith('test_')));
});

test('declaring a source creates its series at zero', async () => {
  const metrics = ownMetrics();
  metrics.declareSource('/var/log/mail.log');
  const source = '/var/log/mail.log';
  assert.equal(await valueOf(metrics, 'fail2nft_lines_read_total', { source }), 0);
  assert.equal(await valueOf(metrics, 'fail2nft_lines_skipped_total', { source, reason: 'too_long' }), 0);
  assert.equal(await valueOf(metrics, 'fail2nft_lines_skipped_total', { source, reason: 'invalid' }), 0);
  assert.equal(await valueOf(metrics, 'fail2nft_source_rotations_total', { source, reason: 'truncated' }), 0);
  metrics.recordLinesRead(source, 10, 700);
  metrics.recordLinesSkipped(source, 'too_long', 2);
  assert.equal(await valueOf(metrics, 'fail2nft_lines_read_total', { source }), 10);
  assert.equal(await valueOf(metrics, 'fail2nft_bytes_read_total', { source }), 700);
  assert.equal(await valueOf(metrics, 'fail2nft_lines_skipped_total', { source, reason: 'too_long' }), 2);
});

test('declaring a jail again on reload keeps its current bans and its latency observations', async () => {
  const metrics = ownMetrics();
  metrics.declareJail('sshd', 'sshd');
  assert.equal(await valueOf(metrics, 'fail2nft_bans_active', { jail: 'sshd' }), 0);
  assert.equal(await valueOf(metrics, 'fail2nft_bans_total', { jail: 'sshd', reason: 'restored' }), 0);
  metrics.bansActive.inc({ jail: 'sshd' }, 3);
  metrics.observeBanLatency('sshd', 0.004);
  metrics.declareJail('sshd', 'sshd');
  assert.equal(await valueOf(metrics, 'fail2nft_bans_active', { jail: 'sshd' }), 3);
  const count = await valueOf(
    metrics,
    'fail2nft_ban_latency_seconds',
    { jail: 'sshd' },
    'fail2nft_ban_latency_seconds_count',
  );
  assert.equal(count, 1);
});

test("forgetting a jail removes its series and leaves the other jails'", async () => {
  const metrics = ownMetrics();
  metrics.declareJail('sshd', 'sshd');
  metrics.declareJail('postfix', 'postfix');
  metrics.observeBanLatency('sshd', 0.01);
  metrics.forgetJail('sshd', 'sshd');
  for (const name of [
    'fail2nft_bans_active',
    'fail2nft_bans_total',
    'fail2nft_lines_matched_total',
    'fail2nft_ban_latency_seconds',
  ]) {
    const jails = new Set((await seriesOf(metrics, name)).map((s) => s.labels.jail));
    assert.deepEqual([...jails], ['postfix'], name);
  }
});

test('a matched batch counts in the batch histogram and in its worker busy time', async () => {
  const metrics = ownMetrics();
  metrics.declareWorkers(2);
  assert.equal(await valueOf(metrics, 'fail2nft_match_workers', {}), 2);
  assert.equal(await valueOf(metrics, 'fail2nft_match_worker_busy_seconds_total', { worker: '1' }), 0);
  metrics.observeMatchBatch(1, 0.25);
  metrics.observeMatchBatch(1, 0.5);
  assert.equal(await valueOf(metrics, 'fail2nft_match_worker_busy_seconds_total', { worker: '1' }), 0.75);
  const name = 'fail2nft_match_batch_duration_seconds';
  assert.equal(await valueOf(metrics, name, { worker: '1' }, `${name}_count`), 2);
  assert.equal(await valueOf(metrics, name, { worker: '0' }, `${name}_count`), 0);
});

test('a firewall transaction counts by result, size and duration', async () => {
  const metrics = ownMetrics();
  metrics.declareBackend('nftables');
  assert.equal(
    await valueOf(metrics, 'fail2nft_firewall_transactions_total', { backend: 'nftables', result: 'failed' }),
    0,
  );
  metrics.observeFirewallTransaction('nftables', { elements: 40, seconds: 0.003, result: 'committed' });
  const backend = { backend: 'nftables' };
  assert.equal(
    await valueOf(metrics, 'fail2nft_firewall_transactions_total', { ...backend, result: 'committed' }),
    1,
  );
  assert.equal(
    await valueOf(metrics, 'fail2nft_firewall_batch_size', backend, 'fail2nft_firewall_batch_size_sum'),
    40,
  );
  const duration = 'fail2nft_firewall_commit_duration_seconds';
  assert.equal(await valueOf(metrics, duration, backend, `${duration}_sum`), 0.003);
});

test('errors count under their registered code, an aggregate under each, anything else as internal', async () => {
  const metrics = ownMetrics();
  metrics.recordError('firewall', new Fail2nftError('F2N_ERR_SOURCE_READ'));
  metrics.recordError(
    'config',
    new Fail2nftAggregateError([
      new Fail2nftError('F2N_ERR_CONFIG_SYNTAX'),
      new Fail2nftError('F2N_ERR_CONFIG_SYNTAX'),
    ]),
  );
  metrics.recordError('service', new Error('boom'));
  metrics.recordError('matching', 'F2N_ERR_MATCH_WORKER_FAILED');
  const name = 'fail2nft_errors_total';
  assert.equal(await valueOf(metrics, name, { stage: 'firewall', code: 'F2N_ERR_SOURCE_READ' }), 1);
  assert.equal(await valueOf(metrics, name, { stage: 'config', code: 'F2N_ERR_CONFIG_SYNTAX' }), 2);
  assert.equal(await valueOf(metrics, name, { stage: 'service', code: 'F2N_ERR_INTERNAL' }), 1);
  assert.equal(await valueOf(metrics, name, { stage: 'matching', code: 'F2N_ERR_MATCH_WORKER_FAILED' }), 1);
});

test('render runs the scrape hooks first and a removed hook no longer runs', async () => {
  const metrics = ownMetrics();
  let depth = 4;
  let calls = 0;
  const remove = metrics.addScrapeHook(() => {
    calls++;
    metrics.matchQueueDepth.set(depth);
  });
  assert.match(await metrics.render(), /^fail2nft_match_queue_depth 4$/m);
  depth = 7;
  assert.match(await metrics.render(), /^fail2nft_match_queue_depth 7$/m);
  remove();
  await metrics.render();
  assert.equal(calls, 2);
  assert.match(metrics.contentType, /^text\/plain; version=0\.0\.4/);
});

test('no label value in the exposition of a replayed attack is an address', async () => {
  const metrics = ownMetrics();
  const feed = createAttackFeed(metrics);
  for (let i = 0; i < 24; i++) feed.step();
  const json = await metrics.registry.getMetricsAsJSON();
  let series = 0;
  for (const metric of json) {
    for (const value of metric.values) {
      series++;
      for (const [label, text] of Object.entries(value.labels)) {
        assert.equal(parseIpAddress(String(text)), undefined, `${metric.name}{${label}="${text}"}`);
      }
    }
  }
  assert.ok(series > 100, `${series} series`);
});
