import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedChunkPool } from '../../../src/matching/shared-chunk-pool.js';

test('chunk buffers live in shared memory and are reused once released, up to the number kept', () => {
  const pool = new SharedChunkPool(1024, 1);
  const a = pool.allocate(1024);
  assert.ok(a.buffer instanceof SharedArrayBuffer);
  assert.equal(a.length, 1024);
  pool.release(a.subarray(10, 20));
  const b = pool.allocate(1024);
  assert.equal(b.buffer, a.buffer);
  const c = pool.allocate(1024);
  assert.notEqual(c.buffer, a.buffer);
  pool.release(b);
  pool.release(c);
  assert.equal(pool.allocate(1024).buffer, b.buffer);
  assert.notEqual(pool.allocate(1024).buffer, c.buffer);
});
