// The running service scraped by a real Prometheus while an attack is replayed into its logs: every
// query of every dashboard panel returns data through Prometheus' HTTP API, and the numbers Prometheus
// holds are the service's own (bans, firewall elements). Nothing here feeds the metrics by hand: the
// sources, the match workers, the decisions, the dry-run firewall behind the batcher and an SQLite ban
// store do, so a metric the service forgets to feed leaves its panel empty and fails this test.
import assert from 'node:assert/strict';
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { createMetrics } from '../../src/observability/metrics.js';
import { formatMetricsAddress } from '../../src/observability/metrics-address.js';
import { createMetricsServer, type MetricsServer } from '../../src/observability/metrics-server.js';
import { SqliteBanStore } from '../../src/persistence/index.js';
import {
  createServiceFixture,
  waitFor,
  type RunningService,
  type ServiceFixture,
} from '../service/service-fixture.js';
import {
  listPanelQueries,
  listVariableQueries,
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
import { variableQueryExpr } from './support/promql-selectors.js';
import {
  attackJailLocal,
  attackJails,
  attackServiceLocal,
  attackTick,
  floodBytes,
  tooLongTicks,
} from './support/service-attack-log.js';

const binary = findPrometheusBinary();
const skip =
  binary === undefined ? 'prometheus is not installed (/usr/bin/prometheus, or set PROMETHEUS_BIN)' : false;

/** Attack ticks, half a second apart: about 5 s of attack, 4 bans per tick. */
const ticks = 10;
const tickMs = 500;
/**
 * $__rate_interval and $__range. Grafana would pick 4 × the 1 s scrape interval while the attack is
 * on; the queries here run a few seconds after it, so the window must hold all of it, with room for
 * a slow CI machine.
 */
const window = '30s';

/**
 * Panels (title and refId) that stay at zero in this attack, and why. They must still return a series
 * (declared at zero), so the panel shows 0 instead of "No data".
 */
const zeroHere: Readonly<Record<string, string>> = {
  'Match queue depth (A)': 'sampled at each scrape; the queue is empty between bursts',
  'Firewall failures and retries per minute (A)': 'the dry-run backend never fails a transaction',
  'Firewall failures and retries per minute (B)': 'nothing fails, so nothing is retried',
  'Errors per minute by stage and code (B)': 'no match worker fails, so no chunk is matched again',
};

interface Outcome {
  readonly key: string;
  readonly expr: string;
  readonly samples: readonly Sample[];
}

const keyOf = (query: PanelQuery): string => `${query.panel} (${query.refId})`;
const finite = (samples: readonly Sample[]): Sample[] => samples.filter((s) => Number.isFinite(s.value));
const show = (outcome: Outcome): string =>
  `${outcome.key}: ${outcome.expr} → ${JSON.stringify(outcome.samples.slice(0, 12))}`;

describe(
  'the service scraped by a real Prometheus during a replayed attack',
  { skip, timeout: 90_000 },
  () => {
    let fixture: ServiceFixture | undefined;
    let running: RunningService | undefined;
    let store: SqliteBanStore | undefined;
    let server: MetricsServer | undefined;
    let prometheus: PrometheusHarness | undefined;
    let target = '';
    let instance = '';
    let queries: PanelQuery[] = [];
    let outcomes: Outcome[] = [];
    let expectedBans = 0;
    const started = performance.now();

    const query = async (expr: string): Promise<Sample[]> => {
      if (prometheus === undefined) throw new Error('prometheus is not running');
      return prometheus.query(expr);
    };
    const value = async (expr: string): Promise<number> => {
      const samples = await query(expr);
      assert.equal(samples.length, 1, `${expr} → ${JSON.stringify(samples)}`);
      return samples[0]?.value ?? NaN;
    };
    const runPanels = async (jail: string, from = queries): Promise<Outcome[]> =>
      Promise.all(
        from.map(async (panelQuery) => {
          const expr = substituteVariables(panelQuery.expr, {
            instance,
            jail,
            interval: window,
            range: window,
          });
          return { key: keyOf(panelQuery), expr, samples: await query(expr) };
        }),
      );

    before(
      async () => {
        const f = createServiceFixture(attackJailLocal, attackServiceLocal);
        fixture = f;
        const jailLocal = attackJailLocal.replaceAll('%(logs)s', f.logDir);
        const badJailLocal = jailLocal.replace('[sshd]\n', '[sshd]\nmaxretry = many\n');
        f.append('mail.log', []);
        f.append('auth.log', []);
        const metrics = createMetrics({ registry: new Registry() });
        // A real file, so the store's write time is SQLite's (WAL, synchronous FULL).
        store = new SqliteBanStore({ path: join(f.dir, 'fail2nft.sqlite3') });
        running = await f.start({ dryRun: false, metrics, store });
        const { service, bans } = running;
        server = createMetricsServer({ metrics, host: '127.0.0.1', port: 0 });
        target = formatMetricsAddress(await server.start());
        instance = promqlRegexLiteral(target);
        prometheus = await startPrometheus({ targets: [target], binary, scrapeIntervalMs: 1000 });
        // Two scrapes before the attack: every series starts from its declared zero.
        await prometheus.waitForScrapes(2);

        for (let tick = 0; tick < ticks; tick++) {
          const lines = attackTick(tick);
          expectedBans += lines.bans;
          appendFileSync(f.log('mail.log'), lines.mail);
          appendFileSync(f.log('auth.log'), lines.auth);
          if (tick === 3) {
            // A flood of ordinary lines: more than the workers hold in flight, so the source waits.
            appendFileSync(f.log('mail.log'), floodBytes(8));
          }
          if (tick === 4 || tick === 8) {
            // A reload that fails (the old configuration stays): twice, so the error counter's series
            // exists before its second increase and rate() sees it.
            writeFileSync(join(f.configDir, 'jail.local'), badJailLocal);
            await assert.rejects(service.reload(), /many/);
            writeFileSync(join(f.configDir, 'jail.local'), jailLocal);
          }
          if (tick === 5) {
            const banned = await service.ban('sshd', ['192.0.2.200']);
            assert.equal(banned[0]?.result, 'banned');
            const unbanned = await service.unban(['192.0.2.200'], 'sshd');
            assert.equal(unbanned.unbanned.length, 1);
          }
          if (tick === 6) await service.reload();
          if (tick === 7) renameSync(f.log('auth.log'), f.log('auth.log.1')); // the next tick creates it
          await delay(tickMs);
        }
        await waitFor('every ban of the attack', () => bans.length >= expectedBans, 15_000).catch(
          (error: unknown) => {
            throw new Error(`${String(error)}: ${bans.length} bans, ${JSON.stringify(service.stats())}`);
          },
        );
        await service.settle();
        // Two more scrapes: the last one holds everything decided and committed.
        const scraped = await value(`count_over_time(up{job="${prometheus.jobName}"}[1h])`);
        await prometheus.waitForScrapes(scraped + 2);
        queries = listPanelQueries(loadDashboard());
        outcomes = await runPanels('.*');
      },
      { timeout: 60_000 },
    );

    after(async () => {
      await prometheus?.stop();
      await server?.stop();
      await running?.service.stop();
      await store?.close();
      fixture?.cleanup();
    });

    it('every query of every dashboard panel returns a number', () => {
      assert.ok(queries.length >= 30, `${queries.length} panel queries`);
      const empty = outcomes.filter((o) => finite(o.samples).length === 0).map(show);
      assert.deepEqual(
        empty,
        [],
        `panels without data:\n${empty.join('\n')}\n${prometheus?.logTail() ?? ''}`,
      );
    });

    it('every panel the attack concerns moves away from zero', () => {
      for (const key of Object.keys(zeroHere))
        assert.ok(
          outcomes.some((o) => o.key === key),
          `${key} is not a panel query of the dashboard any more`,
        );
      const flat = outcomes
        .filter((o) => zeroHere[o.key] === undefined && !finite(o.samples).some((s) => s.value !== 0))
        .map(show);
      assert.deepEqual(flat, [], `panels the service left at zero during the attack:\n${flat.join('\n')}`);
    });

    it('Prometheus counts the bans the service made and the firewall elements it committed', async () => {
      const bans = running?.bans.length ?? 0;
      assert.equal(bans, expectedBans, 'bans of the attack');
      const on = `instance=~"${instance}"`;
      assert.equal(await value(`sum(fail2nft_bans_total{${on}, reason="failures"})`), bans);
      assert.equal(await value(`sum(fail2nft_bans_total{${on}, reason="manual"})`), 1);
      assert.equal(await value(`sum(fail2nft_unbans_total{${on}, reason="manual"})`), 1);
      assert.equal(await value(`sum(fail2nft_ban_candidates_total{${on}, result="banned"})`), bans);
      assert.equal(await value(`sum(fail2nft_ban_candidates_total{${on}, result="already_banned"})`), ticks);
      // Every ban and the manual unban went through the batcher into one dry-run transaction or another.
      assert.equal(
        await value(`sum(fail2nft_firewall_batch_size_sum{${on}, backend="dry-run"})`),
        bans + 2,
        'elements committed',
      );
      assert.ok(
        (await value(
          `sum(fail2nft_firewall_transactions_total{${on}, backend="dry-run", result="committed"})`,
        )) >= 1,
      );
      assert.ok((await value(`sum(fail2nft_store_write_duration_seconds_count{${on}})`)) >= 1);
      assert.equal(await value(`sum(fail2nft_config_reloads_total{${on}, result="ok"})`), 1);
      assert.equal(await value(`sum(fail2nft_config_reloads_total{${on}, result="failed"})`), 2);
      assert.equal(await value(`sum(fail2nft_errors_total{${on}, stage="config"})`), 2);
      assert.equal(
        await value(`sum(fail2nft_lines_skipped_total{${on}, reason="too_long"})`),
        tooLongTicks.length,
        'lines over maxlinelength',
      );
    });

    it('bans whose time ran out count as expired unbans and leave the active count', async () => {
      // sshd bans last 2 s: the first ticks' bans ended while the attack went on.
      const on = `instance=~"${instance}", jail="sshd"`;
      const expired = await value(`sum(fail2nft_unbans_total{${on}, reason="expired"})`);
      const active = await value(`sum(fail2nft_bans_active{${on}})`);
      // One sshd ban per tick, each for 2 s over about 5 s: the early ones ended before the last scrape.
      assert.ok(active < ticks, `${active} sshd bans still counted active out of ${ticks}`);
      assert.ok(
        expired > 0,
        'fail2nft_unbans_total{reason="expired"} stays 0 although sshd bans expired: the service does not ' +
          'count bans whose time ran out (panel "Bans and unbans per minute" (B))',
      );
    });

    it('choosing one jail narrows every jail panel to it', async () => {
      const jailQueries = queries.filter((q) => q.expr.includes('$jail'));
      assert.ok(jailQueries.length >= 5, `${jailQueries.length} panels use $jail`);
      for (const outcome of await runPanels('sshd', jailQueries)) {
        assert.ok(finite(outcome.samples).length > 0, show(outcome));
        for (const sample of outcome.samples)
          if (sample.metric.jail !== undefined) assert.equal(sample.metric.jail, 'sshd', show(outcome));
      }
    });

    it('the dashboard variables list this host and its jails', async () => {
      const variables = new Map(listVariableQueries(loadDashboard()).map((v) => [v.name, v.query]));
      const hosts = await query(variableQueryExpr(variables.get('instance') ?? ''));
      assert.ok(
        hosts.some((s) => s.metric.instance === target),
        JSON.stringify(hosts),
      );
      const jailSelector = substituteVariables(variableQueryExpr(variables.get('jail') ?? ''), {
        instance,
        jail: '.*',
      });
      const jails = (await query(jailSelector)).map((s) => s.metric.jail).sort();
      assert.deepEqual(jails, [...attackJails].sort());
      const seconds = (performance.now() - started) / 1000;
      assert.ok(seconds < 40, `the scenario took ${seconds.toFixed(1)} s`);
    });
  },
);
