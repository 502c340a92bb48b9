import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { bundledConfigDir, removeTree, writeTree } from '../support/project-paths.js';

process.env.TZ = 'UTC';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

interface RegexJson {
  lines: number;
  matched: number;
  ignored: number;
  missed: number;
  matches: { line: number; host: string; time: string | null; failregex: number }[];
}

const saslLine =
  'Nov 21 10:00:01 mx1 postfix/smtpd[311]: warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: UGFzc3dvcmQ6';
const okLine = 'Nov 21 10:00:02 mx1 postfix/smtpd[311]: connect from mail.example.org[198.51.100.3]';

test('a log file against a named filter with parameters reports lines, matches and hosts as JSON', async (t) => {
  const dir = writeTree({
    'mail.log': `${saslLine}\n${okLine}\n${saslLine.replace('192.0.2.7', '2001:db8::7')}\n`,
  });
  t.after(() => removeTree(dir));
  const { code, stdout } = await run(
    'regex',
    '--json',
    '--config',
    bundledConfigDir,
    join(dir, 'mail.log'),
    'postfix[mode=auth]',
  );
  assert.equal(code, 0);
  const result = JSON.parse(stdout) as RegexJson;
  assert.equal(result.lines, 3);
  assert.equal(result.matched, 2);
  assert.equal(result.missed, 1);
  assert.deepEqual(
    result.matches.map((m) => [m.line, m.host]),
    [
      [1, '192.0.2.7'],
      [3, '2001:db8::7'],
    ],
  );
  assert.match(result.matches[0]?.time ?? '', /^\d{4}-11-21T10:00:01$/);
});

test('a single line and a raw failregex work, and the human report counts hits per regex', async () => {
  const { code, stdout } = await run(
    'regex',
    saslLine,
    String.raw`unknown\[<HOST>\]: SASL \w+ authentication failed`,
  );
  assert.equal(code, 0);
  assert.match(stdout, /Failregex: 1 total/);
  assert.match(stdout, /\|\s+1\) \[1\]/);
  assert.match(stdout, /Lines: 1 lines, 0 ignored, 1 matched, 0 missed/);
  assert.match(stdout, /lines\/s\]/);
});

test('the mode changes what matches: postfix normal mode ignores SASL failures', async () => {
  const { stdout } = await run('regex', '--json', '--config', bundledConfigDir, saslLine, 'postfix');
  assert.equal((JSON.parse(stdout) as RegexJson).matched, 0);
});

test('a filter file path works like a name', async () => {
  const { stdout } = await run(
    'regex',
    '--json',
    saslLine,
    join(bundledConfigDir, 'filter.d', 'postfix.conf') + '[mode=auth]',
  );
  assert.equal((JSON.parse(stdout) as RegexJson).matched, 1);
});

test('a regex without a failure id is an error (exit 1) that names the filter and regex', async () => {
  const { code, stderr } = await run('regex', saslLine, 'SASL LOGIN');
  assert.equal(code, 1);
  assert.match(stderr, /failregex #1/);
  assert.match(stderr, /F2N_ERR_REGEX_NO_FAILURE_ID/);
});

test('missing arguments are a usage error', async () => {
  assert.equal((await run('regex', 'only-one')).code, 2);
});
