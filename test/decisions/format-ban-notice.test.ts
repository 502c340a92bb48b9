import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BanDecision } from '../../src/core/records.js';
import { formatBanNotice, formatLogTime } from '../../src/decisions/format-ban-notice.js';
import { runCli } from '../../src/cli/run-cli.js';
import { bundledConfigDir } from '../support/project-paths.js';

process.env.TZ = 'UTC';

const decision = (jail: string, address: string, family: 4 | 6 = 4): BanDecision => ({
  jail,
  address,
  family,
  startMs: Date.UTC(2025, 2, 22, 4, 11, 11, 7),
  durationSec: 600,
  banCount: 1,
  failures: 5,
});

test('the notice has the time with milliseconds, the logger, the pid, the jail and the address', () => {
  assert.equal(
    formatBanNotice(decision('sshd', '192.0.2.7'), { pid: 4242, utcOffsetMinutes: () => 0 }),
    '2025-03-22 04:11:11,007 fail2nft.actions [4242]: NOTICE [sshd] Ban 192.0.2.7',
  );
});

test('the time is shown in the zone given, local time by default', () => {
  assert.equal(formatLogTime(Date.UTC(2025, 0, 1, 23, 30, 0, 0), 120), '2025-01-02 01:30:00,000');
  assert.equal(
    formatBanNotice(decision('sshd', '192.0.2.7'), { pid: 1, timeMs: Date.UTC(2025, 0, 1) }),
    '2025-01-01 00:00:00,000 fail2nft.actions [1]: NOTICE [sshd] Ban 192.0.2.7',
    'TZ=UTC in this process',
  );
});

interface RegexJson {
  matched: number;
  matches: { host: string; time: string | null }[];
}

async function recidive(line: string): Promise<RegexJson> {
  let stdout = '';
  const code = await runCli(['regex', '--json', '--config', bundledConfigDir, line, 'recidive'], {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
  });
  assert.equal(code, 0);
  return JSON.parse(stdout) as RegexJson;
}

test("the bundled recidive filter finds the address and time in the notice of another jail's ban", async () => {
  for (const [jail, address, family] of [
    ['postfix-sasl', '192.0.2.7', 4],
    ['sshd', '2001:db8::7', 6],
  ] as const) {
    const result = await recidive(
      formatBanNotice(decision(jail, address, family), { pid: 77, utcOffsetMinutes: () => 0 }),
    );
    assert.equal(result.matched, 1, `${jail} ${address}`);
    assert.equal(result.matches[0]?.host, address);
    assert.equal(result.matches[0]?.time, '2025-03-22T04:11:11');
  }
});

test("the recidive jail's own bans are not counted again", async () => {
  const result = await recidive(formatBanNotice(decision('recidive', '192.0.2.7'), { pid: 77 }));
  assert.equal(result.matched, 0);
});
