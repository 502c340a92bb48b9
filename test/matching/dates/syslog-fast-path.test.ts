import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatchRecord } from '../../../src/matching/dates/date-template.js';
import { parseSyslogAtStart } from '../../../src/matching/dates/syslog-fast-path.js';
import { withFastPath } from '../../../src/matching/dates/fast-path-template.js';
import { buildTemplate } from '../../../src/matching/dates/template-factory.js';
import { DEFAULT_TEMPLATE_SPECS } from '../../../src/matching/dates/default-templates.js';
import { SLOT_MARK } from '../../../src/matching/dates/pattern-parser.js';
import { disagreements, nearMissLines } from './fast-path-agreement.js';

test('reads the common syslog layout with its fields', () => {
  const out = new MatchRecord();
  assert.equal(parseSyslogAtStart('Mar  9 07:05:03 gw sshd[7]: x', 29, 2029, out), true);
  assert.deepEqual([out.dateStart, out.dateEnd, out.fields.month, out.fields.day], [0, 15, 3, 9]);
  assert.deepEqual([out.fields.hour, out.fields.minute, out.fields.second, out.fields.year], [7, 5, 3, -1]);
  assert.equal(parseSyslogAtStart('Dec 31 23:59:59.250 2024 x', 26, 2029, out), true);
  assert.deepEqual([out.dateEnd, out.fields.year], [24, 2024]);
});

test('leaves to the compiled template what it is not sure of', () => {
  const out = new MatchRecord();
  for (const line of [
    'Sun Mar  9 07:05:03 x',
    'Mar  9  7:05:03 x',
    'Mar  9 07:05:03x',
    '[Mar  9 07:05:03]',
    'Mar 9 07:05',
  ]) {
    assert.equal(parseSyslogAtStart(line, line.length, 2029, out), false, line);
  }
});

test('agrees with the compiled syslog templates (anchored and not) on thousands of near-miss lines', () => {
  const spec = DEFAULT_TEMPLATE_SPECS[1];
  assert.ok(spec?.fast !== undefined);
  const lines = nearMissLines('syslog', 5000);
  for (const lead of ['', '{^LN-BEG}']) {
    const compiled = buildTemplate({
      name: 'syslog',
      text: lead + SLOT_MARK,
      slot: spec.body,
      slotIgnoresCase: true,
      directives: true,
      markers: true,
      begin: 'word',
      wordEnd: true,
      value: { kind: 'fields' },
    });
    assert.deepEqual(disagreements(withFastPath(compiled, spec.fast), compiled, lines).slice(0, 5), []);
  }
});
