// A child process of the side-by-side benchmark: `nft monitor new elements` inside a network namespace,
// every line stamped with the wall-clock ms it arrived and appended to a file. A separate process,
// because the benchmark's writer blocks its own event loop while it appends at full speed, and a file,
// because a pipe to that blocked process would fill and delay the stamps.
//
//   node dist/bench/side-by-side/element-monitor.js NETNS OUTFILE
// Prints "ready" on stdout once nft runs; stops (and stops nft) on SIGTERM.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';

const [netns, outFile] = process.argv.slice(2);
if (netns === undefined || outFile === undefined) {
  process.stderr.write('usage: element-monitor.js NETNS OUTFILE\n');
  process.exit(2);
}
const fd = openSync(outFile, 'w');
const nft = spawn('ip', ['netns', 'exec', netns, 'nft', 'monitor', 'new', 'elements'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let partial = '';
nft.stdout.setEncoding('utf8');
nft.stdout.on('data', (data: string) => {
  const t = Date.now();
  const text = partial + data;
  const end = text.lastIndexOf('\n');
  if (end < 0) {
    partial = text;
    return;
  }
  partial = text.slice(end + 1);
  const lines = text.slice(0, end).split('\n');
  writeSync(fd, lines.map((line) => `${t} ${line}\n`).join(''));
});
nft.on('spawn', () => process.stdout.write('ready\n'));
nft.on('exit', (code, signal) => {
  closeSync(fd);
  process.exitCode = signal === 'SIGTERM' || code === 0 ? 0 : 1;
});
process.on('SIGTERM', () => nft.kill('SIGTERM'));
