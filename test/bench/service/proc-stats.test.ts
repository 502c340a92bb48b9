import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { parsePeakRssKiB, parseProcStat, readProcStats } from '../../../bench/service/proc-stats.js';

test('CPU times are read after the command name, even one with spaces and parentheses', () => {
  const line =
    '4242 (python3 (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 5 0 1083159 3133440 406';
  assert.deepEqual(parseProcStat(line), { cpuSec: 3, childCpuSec: 0.1 });
  assert.throws(() => parseProcStat('garbage'), /not a \/proc\/PID\/stat line/);
});

test('the peak resident set is VmHWM in KiB, 0 when absent', () => {
  assert.equal(
    parsePeakRssKiB('Name:\tnode\nVmPeak:\t  900 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1 kB\n'),
    123456,
  );
  assert.equal(parsePeakRssKiB('Name:\tkthreadd\n'), 0);
});

test('this process has CPU time and a peak resident set', () => {
  const stats = readProcStats('self');
  assert.ok(stats.cpuSec >= 0);
  assert.ok(stats.peakRssKiB > 0);
});

test('the CPU time of a live child counts as child CPU before it is waited for', async () => {
  const before = readProcStats('self').childCpuSec;
  // Burns 0.3 s of its own CPU time (not wall time: on a loaded machine the two differ), says so, then
  // waits to be killed.
  const child = spawn(
    process.execPath,
    [
      '-e',
      [
        'const used = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };',
        'const deadline = Date.now() + 20000;',
        'while (used() < 0.3 && Date.now() < deadline);',
        "process.stdout.write('burnt\\n');",
        'setTimeout(() => {}, 20000);',
      ].join(' '),
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  try {
    const said = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 20000);
      child.stdout.setEncoding('utf8');
      child.stdout.once('data', (text: string) => {
        clearTimeout(timer);
        resolve(text.trim());
      });
    });
    assert.equal(said, 'burnt');
    const during = readProcStats('self').childCpuSec;
    assert.ok(during - before >= 0.25, `child CPU ${during - before} s while it runs`);
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});
