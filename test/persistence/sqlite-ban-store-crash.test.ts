// kill -9 at any moment loses nothing that was recorded: a child process records bans and positions
// in a loop and reports each call once it resolved; it is killed with SIGKILL after a varying number
// of calls, and the reopened file must hold every ban and at least every position it reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SqliteBanStore } from '../../src/persistence/sqlite-ban-store.js';
import { batchSize, crashBan } from './crash-bans.js';
import { tempDatabase } from './temp-database.js';

const writer = fileURLToPath(new URL('./crash-writer.js', import.meta.url));

interface Markers {
  lastBatch: number;
  lastPosition: number;
}

/** Runs the writer until it reported `killAfter` batches, then kills it with SIGKILL. */
function runAndKill(path: string, synchronous: 'full' | 'normal', killAfter: number): Promise<Markers> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, path, synchronous], { stdio: ['ignore', 'pipe', 'pipe'] });
    const markers: Markers = { lastBatch: -1, lastPosition: -1 };
    let pending = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer did not reach ${killAfter} batches in time: ${stderr}`));
    }, 15_000);
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.stdout.on('data', (data: Buffer) => {
      pending += data.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, value] = line.split(' ');
        if (kind === 'b') markers.lastBatch = Number(value);
        if (kind === 'p') markers.lastPosition = Number(value);
      }
      if (!killed && markers.lastBatch + 1 >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited by itself: ${stderr}`));
      // Markers still in the pipe when the child died were written after their commit: count them.
      else resolve(markers);
    });
  });
}

async function checkAfterCrash(synchronous: 'full' | 'normal', killAfter: number): Promise<void> {
  const temp = tempDatabase();
  try {
    const markers = await runAndKill(temp.path, synchronous, killAfter);
    assert.ok(markers.lastBatch >= killAfter - 1);
    const store = new SqliteBanStore({ path: temp.path });
    try {
      const stored = new Set((await store.activeBans(0)).map((b) => `${b.jail} ${b.address}`));
      for (let batch = 0; batch <= markers.lastBatch; batch++) {
        for (let index = 0; index < batchSize; index++) {
          const expected = crashBan(batch, index);
          assert.ok(
            stored.has(`${expected.jail} ${expected.address}`),
            `batch ${batch} ban ${index} survived`,
          );
        }
      }
      assert.equal(stored.size % batchSize, 0, 'batches are whole: none half-recorded');
      const position = await store.load('memory:crash');
      if (markers.lastPosition >= 0) {
        assert.ok(
          position?.kind === 'memory' && position.offset >= markers.lastPosition,
          'no flushed position lost',
        );
      }
      if (position?.kind === 'memory') {
        assert.ok(
          position.offset * batchSize < stored.size,
          'a position never runs ahead of the recorded bans',
        );
      }
    } finally {
      await store.close();
    }
  } finally {
    temp.remove();
  }
}

test('kill -9 right after the first batches loses no recorded ban (synchronous full)', () =>
  checkAfterCrash('full', 3));
test('kill -9 in the middle of a stream of batches loses no recorded ban (synchronous full)', () =>
  checkAfterCrash('full', 150));
test('kill -9 loses no recorded ban with synchronous normal either', () => checkAfterCrash('normal', 200));
