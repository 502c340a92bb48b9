// Test support: a stand-in `journalctl` placed first on PATH in a temporary directory. It follows a
// JSON-lines "journal" file that the test appends to and prints the entries as `journalctl --follow
// --output=json` would, honouring --after-cursor, --lines=0 and FIELD=value matches with `+`. It writes
// its pid and arguments to a file, exits after FAKE_JOURNAL_LIFETIME_MS at the latest (bounded), and
// with FAKE_JOURNAL_FAIL set prints that message and exits with status 1.
import {
  chmodSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  appendFileSync,
  readFileSync,
  existsSync,
} from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = String.raw`
const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_JOURNAL_ARGS, JSON.stringify({ pid: process.pid, args }) + '\n');
if (process.env.FAKE_JOURNAL_FAIL) {
  process.stderr.write(process.env.FAKE_JOURNAL_FAIL + '\n');
  process.exit(1);
}
let after;
let tail = false;
const groups = [[]];
for (const arg of args) {
  if (arg.startsWith('--after-cursor=')) after = arg.slice('--after-cursor='.length);
  else if (arg === '--lines=0') tail = true;
  else if (arg === '+') groups.push([]);
  else if (!arg.startsWith('-')) groups[groups.length - 1].push(arg);
}
const matches = (entry) =>
  groups[0].length === 0 ||
  groups.some((terms) => terms.every((term) => {
    const at = term.indexOf('=');
    return entry[term.slice(0, at)] === term.slice(at + 1);
  }));
let offset = 0;
let first = true;
let skipping = after !== undefined;
function poll() {
  let data;
  try { data = fs.readFileSync(process.env.FAKE_JOURNAL); } catch { data = Buffer.alloc(0); }
  const text = data.subarray(offset).toString();
  const end = text.lastIndexOf('\n') + 1;
  offset += Buffer.byteLength(text.slice(0, end));
  const out = [];
  for (const line of text.slice(0, end).split('\n')) {
    if (line === '') continue;
    if (first && tail) continue;
    const entry = JSON.parse(line);
    if (skipping) {
      if (entry.__CURSOR === after) skipping = false;
      continue;
    }
    if (matches(entry)) out.push(line);
  }
  first = false;
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
}
const started = Date.now();
const lifetime = Number(process.env.FAKE_JOURNAL_LIFETIME_MS || 20000);
poll();
const timer = setInterval(() => {
  poll();
  if (Date.now() - started > lifetime) {
    clearInterval(timer);
    process.exit(0);
  }
}, 25);
process.on('SIGTERM', () => process.exit(0));
`;

export interface FakeJournal {
  readonly dir: string;
  /** Environment with the fake first on PATH. */
  readonly env: NodeJS.ProcessEnv;
  /** Appends entries (objects) to the journal the fake follows. */
  append(entries: readonly Record<string, unknown>[]): Promise<void>;
  /** Every start of the fake: its pid and arguments. */
  runs(): { pid: number; args: string[] }[];
  cleanup(): void;
}

export function createFakeJournal(extraEnv: NodeJS.ProcessEnv = {}): FakeJournal {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-journal-'));
  const program = join(dir, 'journalctl');
  writeFileSync(program, `#!${process.execPath}\n${script}`);
  chmodSync(program, 0o755);
  const journal = join(dir, 'journal.jsonl');
  const argsFile = join(dir, 'runs.jsonl');
  writeFileSync(journal, '');
  appendFileSync(argsFile, '');
  return {
    dir,
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      FAKE_JOURNAL: journal,
      FAKE_JOURNAL_ARGS: argsFile,
      ...extraEnv,
    },
    append: (entries) => appendFile(journal, entries.map((entry) => `${JSON.stringify(entry)}\n`).join('')),
    runs: () =>
      existsSync(argsFile)
        ? readFileSync(argsFile, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as { pid: number; args: string[] })
        : [],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

let sequence = 0;

/** A journal entry as journalctl prints it, for an sshd message, with a unique cursor. */
export function sshdEntry(message: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    __CURSOR: `s=fake;i=${sequence.toString(16)}`,
    __REALTIME_TIMESTAMP: String(1_742_616_671_000_000 + sequence * 1_000_000),
    _HOSTNAME: 'mx1',
    SYSLOG_IDENTIFIER: 'sshd',
    _PID: '4242',
    _SYSTEMD_UNIT: 'sshd.service',
    MESSAGE: message,
    ...fields,
  };
}
