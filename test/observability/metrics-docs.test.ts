// docs/metrics.md lists exactly the metrics the service declares, each with its type and labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics } from '../../src/observability/metrics.js';
import { projectRoot } from '../support/project-paths.js';

interface Row {
  readonly type: string;
  readonly labels: string;
}

function documented(): Map<string, Row> {
  const text = readFileSync(join(projectRoot, 'docs', 'metrics.md'), 'utf8');
  const rows = new Map<string, Row>();
  for (const match of text.matchAll(/^\| `(fail2nft_[a-z0-9_]+)` \| (\w+) \| ([^|]*) \|/gm)) {
    rows.set(match[1] ?? '', { type: match[2] ?? '', labels: (match[3] ?? '').trim() });
  }
  return rows;
}

function declared(): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const metric of createMetrics({ collectDefault: false }).registry.getMetricsAsArray()) {
    const { type, labelNames } = metric as unknown as { type: string; labelNames: readonly string[] };
    const labels = labelNames.length === 0 ? '—' : labelNames.map((l) => `\`${l}\``).join(', ');
    rows.set(metric.name, { type, labels });
  }
  return rows;
}

test('docs/metrics.md lists exactly the declared metrics', () => {
  assert.deepEqual([...documented().keys()].sort(), [...declared().keys()].sort());
});

test('docs/metrics.md gives each metric its declared type and labels', () => {
  const docs = documented();
  for (const [name, row] of declared()) assert.deepEqual(docs.get(name), row, name);
});
