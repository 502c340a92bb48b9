// Shared by the actions tests: temp directories, a fake sendmail/whois that record what they got,
// running a script with the real /bin/sh, and ban records.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BanInfo } from '../../src/actions/action-handler.js';
import type { ActionSpec } from '../../src/actions/action-spec.js';
import type { RenderedCommand } from '../../src/actions/render-shell-template.js';
import { quoteShellWord } from '../../src/actions/quote-shell-word.js';

export const hostNames = { fq: 'mx1.example.org', short: 'mx1' };

export interface TempDir {
  readonly path: string;
  file(name: string): string;
  read(name: string): string;
  exists(name: string): boolean;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'f2n-actions-'));
  return {
    path,
    file: (name) => join(path, name),
    read: (name) => (existsSync(join(path, name)) ? readFileSync(join(path, name), 'utf8') : ''),
    exists: (name) => existsSync(join(path, name)),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** An executable shell script in `dir`. */
export function writeScript(dir: TempDir, name: string, body: string): string {
  const path = dir.file(name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A sendmail that appends its argv and standard input to `mails.txt`, one record per call. */
export function fakeSendmail(dir: TempDir, exitCode = 0): string {
  const out = quoteShellWord(dir.file('mails.txt'));
  return writeScript(
    dir,
    'sendmail',
    `{ printf 'ARGV:'; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\\n'; cat; printf '=====\\n'; } >> ${out}\nexit ${exitCode}`,
  );
}

export interface RecordedMail {
  readonly argv: readonly string[];
  readonly message: string;
}

export function recordedMails(dir: TempDir): RecordedMail[] {
  return dir
    .read('mails.txt')
    .split('=====\n')
    .filter((record) => record !== '')
    .map((record) => {
      const newline = record.indexOf('\n');
      const argvLine = record.slice(0, newline);
      return {
        argv: [...argvLine.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? ''),
        message: record.slice(newline + 1),
      };
    });
}

/** Runs a rendered command with the real /bin/sh, as the action runner would. */
export function runRendered(command: RenderedCommand): {
  stdout: string;
  stderr: string;
  status: number | null;
} {
  const result = spawnSync('/bin/sh', ['-c', command.script], {
    env: { ...process.env, ...command.env },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

export function ban(overrides: Partial<BanInfo> = {}): BanInfo {
  return {
    jail: 'sshd',
    address: '192.0.2.7',
    family: 4,
    startMs: Date.UTC(2026, 10, 21, 10, 0, 0),
    durationSec: 600,
    banCount: 1,
    failures: 5,
    matches: ['Nov 21 10:00:00 host sshd[1]: Failed password for root from 192.0.2.7 port 22 ssh2'],
    ...overrides,
  };
}

export function spec(file: string, options: Record<string, string>, name = file): ActionSpec {
  return { name, file, options: { name: 'sshd', actname: name, ...options } };
}

/** Values that try to break out of every quoting context. */
export const hostileValues: readonly string[] = [
  '$(touch MARKER)',
  '`touch MARKER`',
  "'; touch MARKER; '",
  '"; touch MARKER; "',
  'a\ntouch MARKER\n',
  '\\"; touch MARKER; \\"',
  "\\'$(touch MARKER)\\'",
  '${IFS}touch${IFS}MARKER',
  'EOF\ntouch MARKER\nEOF',
  '* ? [a-z] ~ # & | ; < > ( ) { }',
  '%s %b \\c \\0101',
];
