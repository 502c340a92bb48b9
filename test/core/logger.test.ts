import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLogLine } from '../../src/core/format-log-line.js';
import { createLogger } from '../../src/core/logger.js';
import { removeTree, writeTree } from '../support/project-paths.js';

test('the logger writes JSON lines with level names, time, name and fields', (t) => {
  const dir = writeTree({});
  t.after(() => removeTree(dir));
  const file = join(dir, 'log.jsonl');
  const logger = createLogger({ destination: file, name: 'fail2nft-test', level: 'info' });
  logger.child({ stage: 'config' }).info({ jail: 'sshd' }, 'loaded');
  logger.debug('not written at info level');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines.length, 1);
  const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  assert.equal(entry.level, 'info');
  assert.equal(entry.name, 'fail2nft-test');
  assert.equal(entry.stage, 'config');
  assert.equal(entry.jail, 'sshd');
  assert.equal(entry.msg, 'loaded');
  assert.match(String(entry.time), /^\d{4}-\d\d-\d\dT/);
});

test('a JSON log line reads as time, level, stage, message and fields at a terminal', () => {
  const line = formatLogLine(
    JSON.stringify({
      level: 'info',
      time: '2026-11-21T14:03:07.123Z',
      pid: 7,
      name: 'fail2nft',
      stage: 'decisions',
      jail: 'postfix-sasl',
      address: '203.0.113.5',
      bantime: 600,
      msg: 'Ban 203.0.113.5',
    }),
  );
  assert.equal(
    line,
    '14:03:07.123 INFO  [decisions] Ban 203.0.113.5 jail=postfix-sasl address=203.0.113.5 bantime=600\n',
  );
  assert.equal(formatLogLine('not json'), 'not json\n');
  assert.match(
    formatLogLine(JSON.stringify({ level: 'error', msg: 'x', err: { message: 'boom' } })),
    /err="boom"/,
  );
});
