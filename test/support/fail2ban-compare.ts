// Compares what fail2nft resolves for a configuration directory with what the real fail2ban-client
// (Debian package) resolves for it, jail by jail.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { expandLogPath } from '../../src/config/expand-log-paths.js';
import type { JailSettings } from '../../src/config/config-types.js';
import { fail2banAvailable, fail2banDump, foldDump, type ReferenceJail } from './fail2ban-reference.js';

export const debianConfig = '/etc/fail2ban';
const ready = fail2banAvailable() && existsSync(join(debianConfig, 'jail.conf'));
// CI installs fail2ban, so there the comparison must run; elsewhere say why it cannot.
export const skipWithoutFail2ban: string | false =
  ready || process.env.CI === 'true'
    ? false
    : 'fail2ban (Debian package) is not installed: apt-get install fail2ban';

function sortFiles<T extends { path: string }>(files: T[]): T[] {
  return [...files].sort((a, b) => a.path.localeCompare(b.path));
}

function comparable(jail: JailSettings) {
  return {
    failregex: jail.filter?.failregex ?? [],
    ignoreregex: jail.filter?.ignoreregex ?? [],
    prefregex: jail.filter?.prefregex,
    datepattern: jail.filter?.datepattern,
    maxlines: jail.filter?.maxlines ?? 1,
    journalmatch: jail.filter?.journalmatch ?? [],
    usedns: jail.usedns,
    maxretry: jail.maxretry,
    maxmatches: jail.maxmatches,
    findtime: jail.findtime,
    bantime: jail.bantime,
    ignoreip: jail.ignoreip,
    logfiles: sortFiles(
      jail.logpath.flatMap((spec) =>
        expandLogPath(spec.pattern).map((path) => ({ path, start: spec.start })),
      ),
    ),
    actions: jail.actions.map((action) => ({ name: action.name, options: { ...action.options } })),
  };
}

function reference(jail: ReferenceJail, ours: JailSettings) {
  return {
    failregex: jail.failregex,
    ignoreregex: jail.ignoreregex,
    prefregex: jail.prefregex,
    datepattern: jail.datepattern,
    maxlines: jail.maxlines ?? 1,
    journalmatch: jail.journalmatch,
    usedns: jail.usedns ?? 'warn',
    maxretry: jail.maxretry ?? 3,
    maxmatches: jail.maxmatches ?? jail.maxretry ?? 3,
    findtime: jail.findtime ?? 600,
    bantime: jail.bantime ?? 600,
    ignoreip: jail.ignoreip,
    // fail2ban lists a file once per matching pattern, as we do, in directory order (ours is sorted).
    logfiles: ours.backend.startsWith('systemd') ? [] : sortFiles(jail.logfiles),
    actions: jail.actions,
  };
}

/** Where two JSON-like values first differ, with short excerpts; undefined when equal. */
function firstDifference(ours: unknown, theirs: unknown, path: string): string | undefined {
  if (JSON.stringify(ours) === JSON.stringify(theirs)) return undefined;
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
      const found = firstDifference(ours[i], theirs[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  }
  if (
    ours !== null &&
    theirs !== null &&
    typeof ours === 'object' &&
    typeof theirs === 'object' &&
    !Array.isArray(ours)
  ) {
    const a = ours as Record<string, unknown>;
    const b = theirs as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 300);
  return `${path}: fail2nft ${show(ours)} but fail2ban ${show(theirs)}`;
}

/** Compares every enabled jail; returns how many were compared. */
export function assertSameAsFail2ban(directory: string): number {
  const ours = loadConfig(directory);
  const errors = ours.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], 'fail2nft reported errors');
  assert.ok(ours.config);
  const theirs = foldDump(fail2banDump(directory));
  const enabled = ours.config.jails.filter((j) => j.enabled);
  assert.deepEqual(
    enabled.map((j) => j.name).sort(),
    [...theirs.keys()].sort(),
    'the same jails are enabled',
  );
  for (const jail of enabled) {
    const expected = theirs.get(jail.name);
    assert.ok(expected);
    const difference = firstDifference(comparable(jail), reference(expected, jail), jail.name);
    assert.equal(difference, undefined, difference);
  }
  return enabled.length;
}
