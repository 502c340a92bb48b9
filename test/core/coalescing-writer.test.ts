import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoalescingWriter } from '../../src/core/coalescing-writer.js';
import { removeTree, writeTree } from '../support/project-paths.js';

function fileWriter(t: { after(fn: () => void): void }): { file: string; writer: CoalescingWriter } {
  const dir = writeTree({});
  const file = join(dir, 'out.log');
  const fd = openSync(file, 'a');
  const writer = new CoalescingWriter(fd);
  t.after(() => {
    writer.end();
    closeSync(fd);
    removeTree(dir);
  });
  return { file, writer };
}

test('lines of one event-loop turn are written together when the turn ends, in order', async (t) => {
  const { file, writer } = fileWriter(t);
  for (let i = 0; i < 100; i++) writer.write(`line ${i}\n`);
  assert.equal(readFileSync(file, 'utf8'), '', 'nothing is written during the turn');
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.deepEqual(
    lines,
    Array.from({ length: 100 }, (_, i) => `line ${i}`),
  );
});

test('64 KiB of pending lines are written at once, without waiting for the turn to end', (t) => {
  const { file, writer } = fileWriter(t);
  const line = `${'x'.repeat(1023)}\n`;
  for (let i = 0; i < 64; i++) writer.write(line);
  assert.equal(readFileSync(file, 'utf8').length, 64 * 1024);
  writer.write('tail\n');
  assert.equal(readFileSync(file, 'utf8').length, 64 * 1024);
  writer.flush();
  assert.ok(readFileSync(file, 'utf8').endsWith('x\ntail\n'));
});

test('flush writes pending lines and reports success; end writes the rest', (t) => {
  const { file, writer } = fileWriter(t);
  writer.write('a\n');
  let called = false;
  writer.flush((error) => {
    assert.equal(error, undefined);
    called = true;
  });
  assert.ok(called);
  assert.equal(readFileSync(file, 'utf8'), 'a\n');
  writer.write('b\n');
  writer.end();
  assert.equal(readFileSync(file, 'utf8'), 'a\nb\n');
});

test('a write that fails for another reason than a full pipe is reported to flush', (t) => {
  const dir = writeTree({});
  t.after(() => removeTree(dir));
  const fd = openSync(join(dir, 'read-only'), 'w+');
  closeSync(fd);
  const readOnly = openSync(join(dir, 'read-only'), 'r');
  const writer = new CoalescingWriter(readOnly);
  writer.write('lost\n');
  let reported: Error | undefined;
  writer.flush((error) => {
    reported = error;
  });
  assert.match(String(reported?.message), /EBADF/);
  writer.end();
  closeSync(readOnly);
});

test('a log that cannot be written is counted, not thrown into the service', async (t) => {
  const dir = writeTree({});
  t.after(() => removeTree(dir));
  closeSync(openSync(join(dir, 'read-only'), 'w+'));
  const readOnly = openSync(join(dir, 'read-only'), 'r');
  const writer = new CoalescingWriter(readOnly);
  writer.write('lost\n');
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(writer.failedWrites, 1);
  writer.end();
  closeSync(readOnly);
});
