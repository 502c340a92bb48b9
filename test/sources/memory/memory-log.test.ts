import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLog } from '../../../src/sources/memory/memory-log.js';

test('a memory log keeps appended bytes in order, grows, and tells its listeners', () => {
  const log = new MemoryLog();
  let calls = 0;
  const remove = log.onAppend(() => calls++);
  log.append('abc');
  log.append(Buffer.alloc(3000, 0x78));
  remove();
  log.append('z');
  assert.equal(log.size, 3004);
  assert.equal(log.read(0, 4).toString(), 'abcx');
  assert.equal(log.read(3000, 100).toString(), 'xxxz');
  assert.equal(calls, 2);
});
