// The Grafana dashboard queries only what the service declares, filters every selector by host, and
// filters by jail wherever a metric has a jail. (dashboard-prometheus.test.ts runs the queries.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics, listDeclaredMetricNames } from '../../src/observability/metrics.js';
import {
  grafanaDir,
  listDataPanels,
  listPanelQueries,
  listVariableQueries,
  loadDashboard,
} from './support/dashboard-queries.js';
import { listSelectors, metricNamesOf, variableQueryExpr } from './support/promql-selectors.js';

const dashboard = loadDashboard();
const queries = listPanelQueries(dashboard);
const metrics = createMetrics();
const declared = new Set(listDeclaredMetricNames(metrics));

/** Series name → the label names of its metric (a histogram's _bucket has its metric's labels). */
function labelsBySeriesName(): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    const labelNames = (metric as unknown as { labelNames: readonly string[] }).labelNames;
    for (const suffix of ['', '_bucket', '_sum', '_count']) out.set(metric.name + suffix, labelNames);
  }
  return out;
}

test('the dashboard has panels, each with at least one query', () => {
  assert.equal(dashboard.uid, 'fail2nft');
  const panels = listDataPanels(dashboard);
  assert.ok(panels.length >= 20, `${panels.length} panels`);
  for (const panel of panels) assert.ok((panel.targets ?? []).length > 0, panel.title);
  assert.ok(queries.every((q) => q.expr.trim() !== ''));
});

test('every metric a panel queries is declared by the service', () => {
  const missing: string[] = [];
  for (const query of queries) {
    const names = metricNamesOf(query.expr);
    assert.ok(names.length > 0, `${query.panel} ${query.refId} reads no metric`);
    for (const name of names)
      if (!declared.has(name)) missing.push(`${query.panel} (${query.refId}): ${name}`);
  }
  assert.deepEqual(missing, []);
});

test('every metric a variable queries is declared by the service', () => {
  const variables = listVariableQueries(dashboard);
  assert.deepEqual(variables.map((v) => v.name).sort(), ['instance', 'jail']);
  for (const variable of variables) {
    for (const name of metricNamesOf(variableQueryExpr(variable.query)))
      assert.ok(declared.has(name), `${variable.name}: ${name}`);
  }
});

test('every fail2nft metric is shown on some panel (the default process metrics aside)', () => {
  const shown = new Set(queries.flatMap((q) => metricNamesOf(q.expr)));
  const own = createMetrics({ collectDefault: false })
    .registry.getMetricsAsArray()
    .map((m) => m.name);
  const hidden = own.filter((name) => !['', '_bucket', '_sum', '_count'].some((s) => shown.has(name + s)));
  assert.deepEqual(hidden, []);
});

test('every selector is filtered by the instance variable and, when its metric has a jail, by the jail variable', () => {
  const labels = labelsBySeriesName();
  for (const query of queries) {
    for (const selector of listSelectors(query.expr)) {
      const where = `${query.panel} (${query.refId}): ${selector.metric}{${selector.matchers}}`;
      assert.match(selector.matchers, /(^|,)\s*instance=~"\$instance"/, where);
      if (labels.get(selector.metric)?.includes('jail'))
        assert.match(selector.matchers, /jail=~"\$jail"/, where);
    }
  }
});

test('the host and jail variables are multi-valued with an All of .*', () => {
  for (const name of ['instance', 'jail']) {
    const variable = dashboard.templating.list.find((v) => v.name === name);
    assert.ok(variable !== undefined, name);
    assert.equal(variable.multi, true);
    assert.equal(variable.includeAll, true);
    assert.equal(variable.allValue, '.*');
  }
  const jail = listVariableQueries(dashboard).find((v) => v.name === 'jail');
  assert.match(jail?.query ?? '', /instance=~"\$instance"/, 'the jail list follows the chosen hosts');
});

test('every panel reads the Prometheus data source chosen in the datasource variable', () => {
  const variable = dashboard.templating.list.find((v) => v.name === 'datasource');
  assert.equal(variable?.type, 'datasource');
  assert.equal(variable?.query, 'prometheus');
  for (const panel of listDataPanels(dashboard)) {
    assert.deepEqual(panel.datasource, { type: 'prometheus', uid: '${datasource}' }, panel.title);
  }
});

test('panel ids are unique', () => {
  const ids = [...dashboard.panels, ...dashboard.panels.flatMap((p) => p.panels ?? [])].map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('the provisioning file loads the dashboards folder and the data source example is Prometheus', () => {
  const provider = readFileSync(join(grafanaDir, 'provisioning', 'dashboards', 'fail2nft.yaml'), 'utf8');
  assert.match(provider, /^apiVersion: 1$/m);
  assert.match(provider, /^\s+type: file$/m);
  assert.match(provider, /^\s+path: \/\S+$/m);
  const datasource = readFileSync(join(grafanaDir, 'provisioning', 'datasources', 'prometheus.yaml'), 'utf8');
  assert.match(datasource, /^\s+type: prometheus$/m);
  assert.match(datasource, /^\s+url: http:\/\/\S+$/m);
});
