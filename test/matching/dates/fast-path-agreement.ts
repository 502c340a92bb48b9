// Test support: random lines close to the syslog and ISO forms (valid, odd and broken), to check that a
// hand-written fast path never disagrees with the compiled template it stands in front of.
import { MatchRecord, type DateTemplate } from '../../../src/matching/dates/date-template.js';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export function nearMissLines(kind: 'syslog' | 'iso', count: number, seed = 7): string[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const two = (max: number): string => String(Math.floor(rnd() * (max + 1))).padStart(2, '0');
  // Mostly the usual form, now and then an odd one, so both answers of the fast path get exercised.
  const usually = (usual: string, odd: readonly string[]): string => (rnd() < 0.85 ? usual : pick(odd));
  const parts =
    kind === 'syslog'
      ? (): string[] => [
          usually(pick(['Mar', 'mar', 'MAR', 'Sep', 'Dec']), ['Mon', 'Xyz', 'Ma']),
          usually(' ', ['  ', '-']),
          usually(pick([two(31), ` ${1 + Math.floor(rnd() * 9)}`]), ['0', '31', '32', '00', ' 0']),
          usually(' ', ['  ', 'T']),
          usually(two(23), [two(29), ' 7', '7']),
          ':',
          usually(two(59), ['60', '7']),
          ':',
          usually(two(59), ['60', '61', '9']),
          usually('', ['.', '.1', '.123456', '.1234567', ',5']),
          usually('', [' 2024', ' 2099', ' 1999', ' 20245', ' 2024x', ' 1.2.3.4', '2024', ' 2024\u00e9']),
        ]
      : (): string[] => [
          usually('2024', ['2029', '2035', '1999', '2O24']),
          usually('-', ['/', '.', '_']),
          usually(two(12), ['1', '13', '00']),
          usually('-', ['/', '.']),
          usually(two(31), ['3', '32', '00']),
          usually(pick(['T', ' ']), ['  ', 't', 'x']),
          usually(two(23), ['24', '7', ' 7']),
          ':',
          usually(two(59), ['60', '5']),
          ':',
          usually(two(59), ['60', '61', '5']),
          usually('', ['.123', ',5', '.1234567', '.', '.x']),
          usually('', [
            'Z',
            ' Z',
            '+01:00',
            '+0100',
            '+01',
            '-0530',
            ' UTC',
            'GMT',
            '+2',
            '+21:00',
            'Zulu',
            ' User',
            'U',
          ]),
        ];
  const tails = [
    ' host sshd[1]: x',
    ' host sshd[1]: x',
    '',
    'x',
    ':',
    '.',
    ' ',
    '1',
    '\u00e9',
    ']',
    ' 5',
    '\u00a0+0100',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(parts().join('') + pick(tails));
  return out;
}

/** Lines on which the two templates disagree (spans or fields), with both results. */
export function disagreements(
  fast: DateTemplate,
  compiled: DateTemplate,
  lines: readonly string[],
): string[] {
  const a = new MatchRecord();
  const b = new MatchRecord();
  const out: string[] = [];
  for (const line of lines) {
    const fa = fast.search(line, 0, line.length, 2029, a);
    const fb = compiled.search(line, 0, line.length, 2029, b);
    const show = (found: boolean, r: MatchRecord): string =>
      found
        ? JSON.stringify([
            r.start,
            r.end,
            r.dateStart,
            r.dateEnd,
            Object.fromEntries(Object.entries(r.fields)),
          ])
        : 'none';
    if (show(fa, a) !== show(fb, b)) out.push(`${JSON.stringify(line)}: ${show(fa, a)} vs ${show(fb, b)}`);
  }
  return out;
}
