// A real Prometheus scrapes a metrics server fed with a replayed attack through the typed metrics API,
// and every query of every dashboard panel returns data through Prometheus' HTTP API: the dashboard,
// the declared metrics and the exposition agree end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetrics } from '../../src/observability/metrics.js';
import { formatMetricsAddress } from '../../src/observability/metrics-address.js';
import { createMetricsServer } from '../../src/observability/metrics-server.js';
import { createAttackFeed } from './support/attack-metrics-feed.js';
import {
  listPanelQueries,
  loadDashboard,
  promqlRegexLiteral,
  substituteVariables,
  type PanelQuery,
} from './support/dashboard-queries.js';
import {
  findPrometheusBinary,
  startPrometheus,
  type PrometheusHarness,
  type Sample,
} from './support/prometheus-harness.js';

const binary = findPrometheusBinary();
const skip =
  binary === undefined ? 'prometheus is not installed (/usr/bin/prometheus, or set PROMETHEUS_BIN)' : false;

interface Outcome {
  readonly query: PanelQuery;
  readonly expr: string;
  readonly samples: readonly Sample[];
}

function hasData(outcome: Outcome): boolean {
  return outcome.samples.some((s) => Number.isFinite(s.value));
}

async function runAll(
  prometheus: PrometheusHarness,
  queries: readonly PanelQuery[],
  instance: string,
  jail: string,
): Promise<Outcome[]> {
  return Promise.all(
    queries.map(async (query) => {
      const expr = substituteVariables(query.expr, { instance, jail });
      return { query, expr, samples: await prometheus.query(expr) };
    }),
  );
}

test(
  'every dashboard panel query returns data from a real Prometheus scraping a replayed attack',
  { skip, timeout: 60_000 },
  async () => {
    const metrics = createMetrics();
    const feed = createAttackFeed(metrics);
    const server = createMetricsServer({ metrics, port: 0 });
    const target = formatMetricsAddress(await server.start());
    feed.step();
    const ticker = setInterval(() => feed.step(), 100);
    let prometheus: PrometheusHarness | undefined;
    try {
      prometheus = await startPrometheus({ targets: [target], binary });
      const queries = listPanelQueries(loadDashboard());
      const instance = promqlRegexLiteral(target);
      // rate() over [1m] needs two samples and histogram_quantile() an increase between them: poll
      // (bounded) until every query has a finite value rather than sleeping a guessed time.
      await prometheus.waitForScrapes(3);
      let outcomes: Outcome[] = [];
      const deadline = performance.now() + 20_000;
      for (let round = 0; performance.now() < deadline; round++) {
        outcomes = await runAll(prometheus, queries, instance, '.*');
        if (outcomes.every(hasData)) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const empty = outcomes
        .filter((o) => !hasData(o))
        .map((o) => `${o.query.panel} (${o.query.refId}): ${o.expr} → ${JSON.stringify(o.samples)}`);
      assert.deepEqual(
        empty,
        [],
        `panels without data after ${feed.steps} feed steps\n${prometheus.logTail()}`,
      );
      assert.ok(queries.length >= 30, `${queries.length} queries`);

      // A single jail and the exact host, as when one is picked in the variables.
      const sshd = await runAll(
        prometheus,
        queries.filter((q) => q.expr.includes('$jail')),
        instance,
        'sshd',
      );
      for (const outcome of sshd) {
        assert.ok(outcome.samples.length > 0, `${outcome.query.panel}: ${outcome.expr}`);
        for (const sample of outcome.samples)
          if (sample.metric.jail !== undefined) assert.equal(sample.metric.jail, 'sshd');
      }
      const otherHost = await prometheus.query(
        substituteVariables(queries[0]?.expr ?? '', { instance: 'elsewhere:1', jail: '.*' }),
      );
      assert.deepEqual(otherHost, [], 'another host selects nothing');

      const nowSec = Math.floor(Date.now() / 1000);
      const range = await prometheus.queryRange(
        `fail2nft_bans_active{instance=~"${instance}"}`,
        nowSec - 10,
        nowSec,
        1,
      );
      assert.equal(range.length, 3, 'one series per jail');
    } finally {
      clearInterval(ticker);
      await prometheus?.stop();
      await server.stop();
    }
  },
);
