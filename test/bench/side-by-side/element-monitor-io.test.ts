// Needs root, ip and nft (CI has them): a namespace of its own, removed after the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElementMonitor } from '../../../bench/side-by-side/element-monitor-io.js';
import { hasElement, listSet } from '../../../bench/side-by-side/kernel-check-io.js';

const missing =
  process.getuid?.() !== 0
    ? 'needs root for a network namespace'
    : spawnSync('nft', ['--version']).status !== 0
      ? 'nft is not installed'
      : undefined;

function nft(netns: string, script: string): void {
  const result = spawnSync('ip', ['netns', 'exec', netns, 'nft', '-f', '-'], {
    input: script,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
}

test(
  'the monitor sees every element added, stamped, and the kernel checks agree',
  { skip: missing },
  async () => {
    const netns = `f2n-sbs-test-${process.pid}`;
    const dir = mkdtempSync(join(tmpdir(), 'f2n-sbs-monitor-'));
    assert.equal(spawnSync('ip', ['netns', 'add', netns]).status, 0);
    let monitor: ElementMonitor | undefined;
    try {
      nft(
        netns,
        'add table inet fail2nft\nadd set inet fail2nft f2n-sshd-v4 { type ipv4_addr; flags timeout; }\n' +
          'add set inet fail2nft f2n-sshd-v6 { type ipv6_addr; flags timeout; }\n',
      );
      monitor = await ElementMonitor.start(netns, join(dir, 'elements.txt'));
      const before = Date.now();
      nft(
        netns,
        'add element inet fail2nft f2n-sshd-v4 { 192.0.2.1 timeout 10m, 192.0.2.2 timeout 10m }\n' +
          'add element inet fail2nft f2n-sshd-v6 { 2001:db8::1 timeout 10m }\n',
      );
      let seen = monitor.seen();
      // Bounded: the monitor writes within milliseconds; 200 rounds of 10 ms.
      for (let round = 0; round < 200 && (seen.get('sshd')?.size ?? 0) < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = monitor.seen();
      }
      const sshd = seen.get('sshd');
      assert.deepEqual([...(sshd?.keys() ?? [])].sort(), ['192.0.2.1', '192.0.2.2', '2001:db8::1']);
      assert.ok([...(sshd?.values() ?? [])].every((t) => t >= before && t <= Date.now()));
      assert.ok(monitor.lastElementMs() >= before);
      const ref = { table: 'fail2nft', set: 'f2n-sshd-v4' };
      assert.deepEqual((await listSet(netns, ref)).sort(), ['192.0.2.1', '192.0.2.2']);
      assert.deepEqual(await listSet(netns, { table: 'fail2nft', set: 'absent' }), []);
      assert.equal(await hasElement(netns, ref, '192.0.2.2'), true);
      assert.equal(await hasElement(netns, ref, '192.0.2.3'), false);
    } finally {
      await monitor?.stop();
      spawnSync('ip', ['netns', 'del', netns]);
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
