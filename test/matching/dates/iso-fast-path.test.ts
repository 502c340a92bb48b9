import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatchRecord } from '../../../src/matching/dates/date-template.js';
import { parseIsoAtStart } from '../../../src/matching/dates/iso-fast-path.js';
import { withFastPath } from '../../../src/matching/dates/fast-path-template.js';
import { buildTemplate } from '../../../src/matching/dates/template-factory.js';
import { DEFAULT_TEMPLATE_SPECS } from '../../../src/matching/dates/default-templates.js';
import { SLOT_MARK } from '../../../src/matching/dates/pattern-parser.js';
import { disagreements, nearMissLines } from './fast-path-agreement.js';

test('reads ISO dates with fraction and zone', () => {
  const out = new MatchRecord();
  assert.equal(parseIsoAtStart('2024-03-09T07:05:03.250+01:00 gw', 32, 2029, out), true);
  assert.deepEqual(
    [out.dateEnd, out.fields.year, out.fields.month, out.fields.day, out.fields.zoneMinutes],
    [29, 2024, 3, 9, 60],
  );
  assert.equal(parseIsoAtStart('2024/03/09 07:05:03 Z x', 23, 2029, out), true);
  assert.deepEqual([out.dateEnd, out.fields.zoneMinutes], [21, 0]);
  assert.equal(parseIsoAtStart('2024.03.09 07:05:03,5 User x', 28, 2029, out), true);
  assert.deepEqual([out.dateEnd, Number.isNaN(out.fields.zoneMinutes)], [21, true]);
});

test('leaves to the compiled template what it is not sure of', () => {
  const out = new MatchRecord();
  for (const line of [
    '2024-3-09 07:05:03',
    '2024-03-09  7:05:03',
    '2035-03-09 07:05:03',
    '2024-03-09 07:05:03.1234567',
    '2024-03-09 07:05:03+0100x',
  ]) {
    assert.equal(parseIsoAtStart(line, line.length, 2029, out), false, line);
  }
});

test('agrees with the compiled ISO templates (anchored and not) on thousands of near-miss lines', () => {
  const spec = DEFAULT_TEMPLATE_SPECS[0];
  assert.ok(spec?.fast !== undefined);
  const lines = nearMissLines('iso', 5000);
  for (const lead of ['', '{^LN-BEG}']) {
    const compiled = buildTemplate({
      name: 'iso',
      text: lead + SLOT_MARK,
      slot: spec.body,
      directives: true,
      markers: true,
      begin: 'word',
      wordEnd: true,
      value: { kind: 'fields' },
    });
    assert.deepEqual(disagreements(withFastPath(compiled, spec.fast), compiled, lines).slice(0, 5), []);
  }
});
