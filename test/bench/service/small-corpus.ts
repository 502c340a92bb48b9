// Test support: a small corpus in the benchmark's marker formats, old-dated like the real corpora, with
// one address that every jail must ban, one that fails too rarely, and ordinary lines around them.
import { failureLine } from '../../../bench/service/marker-lines.js';
import { sliceCorpus, type CorpusSlice } from '../../../bench/service/corpus-slice.js';

export const BANNED = '192.0.2.50';
export const SPARED = '2001:db8::51';
/** Per jail: BANNED fails 6 times, SPARED 2 times. */
export const FAILURES_PER_JAIL = 8;

export function smallCorpus(): CorpusSlice {
  const at = Date.UTC(2026, 10, 1, 0, 0, 0);
  const lines: string[] = [];
  for (let n = 1; n <= 6; n++) {
    lines.push(`Nov  1 00:00:0${n} mail postfix/qmgr[977]: 4B1F2${n}: removed`);
    for (const jail of ['postfix', 'postfix-sasl', 'dovecot'] as const) {
      lines.push(failureLine(jail, BANNED, at + n * 1000, 10 + n));
      if (n <= 2) lines.push(failureLine(jail, SPARED, at + n * 1000, 20 + n));
    }
  }
  return sliceCorpus(Buffer.from(`${lines.join('\n')}\n`), undefined);
}
