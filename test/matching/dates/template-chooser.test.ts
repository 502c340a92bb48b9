import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.TZ = 'Europe/Paris';

const { TemplateChooser } = await import('../../../src/matching/dates/template-chooser.js');
const { defaultTemplateList } = await import('../../../src/matching/dates/default-templates.js');

const NOW_SECONDS = Date.UTC(2005, 7, 14, 10) / 1000;

/** Feeds lines; returns the cut spans and the template order as indices into the default list. */
function feed(lines: string[]): { spans: Array<[number, number] | null>; order: number[]; hits: number[] } {
  const list = defaultTemplateList();
  const chooser = new TemplateChooser(list);
  const spans = lines.map((line): [number, number] | null => {
    const chosen = chooser.choose(line, NOW_SECONDS, 2029);
    return chosen === undefined ? null : [chosen.record.dateStart, chosen.record.dateEnd];
  });
  const names = list.map((t) => t.name);
  const state = chooser.hits();
  return { spans, order: state.map((h) => names.indexOf(h.template)), hits: state.map((h) => h.hits) };
}

const identity = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

test('a fresh detector takes the date nearest the line start when the first one found lies further in', () => {
  const { spans, order, hits } = feed([
    'user 09/03/2024 07:05:03 from Mar  9 07:05:04',
    'user 10/03/2024 07:05:03 from Mar  9 07:05:04',
    'a 11/03/2024 07:05:03 b',
  ]);
  assert.deepEqual(spans, [
    [5, 24],
    [5, 24],
    [2, 21],
  ]);
  // The winning template (index 17) moves to the front, as in fail2ban.
  assert.deepEqual(order, [17, ...identity(31).filter((i) => i !== 17)]);
  assert.equal(hits[0], 3);
});

test('the previous template is tried first; when it fails the others are searched and the winner moves up', () => {
  const { spans, order, hits } = feed(['Mar  9 07:05:03 a', 'x Mar  9 07:05:04 b', 'Mar  9 07:05:05 c']);
  assert.deepEqual(spans, [
    [0, 15],
    [2, 17],
    [0, 15],
  ]);
  assert.deepEqual(order, [1, 15, 0, ...identity(31).filter((i) => i > 1 && i !== 15)]);
  assert.deepEqual(hits.slice(0, 2), [2, 1]);
});

test('a template used line after line stays first', () => {
  const { order, hits } = feed(['PST Mar  9 07:05:03 x', 'PST Mar  9 07:05:04 x', 'PST Mar  9 07:05:05 x']);
  assert.deepEqual(order, [11, ...identity(31).filter((i) => i !== 11)]);
  assert.equal(hits[0], 3);
});

test('an unanchored template keeps winning where its date moves a little (the place is searched again)', () => {
  const { spans, order } = feed([
    '[pid 1] 2024-03-09 07:05:03 a',
    '[pid 22] 2024-03-09 07:05:04 b',
    '[pid 3] 2024-03-09 07:05:05 c',
  ]);
  assert.deepEqual(spans, [
    [8, 27],
    [9, 28],
    [8, 27],
  ]);
  assert.equal(order[0], 14);
});

test('a line without a date leaves the state alone and finds nothing', () => {
  const { spans, hits } = feed(['no date here', 'Mar  9 07:05:03 a', 'still none']);
  assert.deepEqual(spans, [null, [0, 15], null]);
  assert.equal(
    hits.reduce((a, b) => a + b, 0),
    1,
  );
});
