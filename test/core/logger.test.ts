import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatLogLine } from '../../src/core/format-log-line.js';
import { createLogger } from '../../src/core/logger.js';
import { projectRoot, removeTree, writeTree } from '../support/project-paths.js';

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

test('a buffered logger keeps every line and their order', async (t) => {
  const dir = writeTree({});
  t.after(() => removeTree(dir));
  const file = join(dir, 'log.jsonl');
  const logger = createLogger({ destination: file, level: 'info', buffered: true });
  for (let i = 0; i < 2000; i++) logger.info({ i }, `Ban 192.0.2.${i % 256}`);
  // The writes happen in the background: wait for them, bounded.
  let lines: string[] = [];
  for (let tries = 0; tries < 500 && lines.length < 2000; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    lines = readFileSync(file, 'utf8').trim().split('\n');
  }
  assert.equal(lines.length, 2000);
  assert.deepEqual(
    lines.map((line) => (JSON.parse(line) as { i: number }).i),
    Array.from({ length: 2000 }, (_, i) => i),
  );
  for (const line of lines.slice(0, 3))
    assert.match((JSON.parse(line) as { time: string }).time, /^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
});

test('a buffered logger writes its last lines out when the process dies of an uncaught error', (t) => {
  const dir = writeTree({});
  t.after(() => removeTree(dir));
  const file = join(dir, 'log.jsonl');
  const loggerUrl = pathToFileURL(join(projectRoot, 'dist', 'src', 'core', 'logger.js')).href;
  const script = `
    const { createLogger } = await import(${JSON.stringify(loggerUrl)});
    const logger = createLogger({ destination: ${JSON.stringify(file)}, buffered: true });
    for (let i = 0; i < 500; i++) logger.info({ i }, 'line');
    logger.error('last words');
    throw new Error('crash');`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.notEqual(child.status, 0, 'the child must die of its error');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines.length, 501);
  assert.equal((JSON.parse(lines[500] ?? '{}') as { msg: string }).msg, 'last words');
});
