import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLogPathGlob, logPathMatches } from '../../src/sources/log-path-glob.js';

test('a plain path has no wildcard and its directory as base', () => {
  const glob = compileLogPathGlob('/var/log/mail.log');
  assert.equal(glob.hasWildcard, false);
  assert.equal(glob.baseDir, '/var/log');
  assert.ok(logPathMatches(glob, '/var/log/mail.log'));
  assert.ok(!logPathMatches(glob, '/var/log/mail.log.1'));
});

test('* and ? match within one segment only', () => {
  const glob = compileLogPathGlob('/var/log/mail*.lo?');
  assert.equal(glob.baseDir, '/var/log');
  assert.ok(logPathMatches(glob, '/var/log/mail.log'));
  assert.ok(logPathMatches(glob, '/var/log/mail-2.log'));
  assert.ok(!logPathMatches(glob, '/var/log/mail/x.log'));
  assert.ok(!logPathMatches(glob, '/var/log/mail.logs'));
});

test('sets, negated sets and a lone bracket', () => {
  assert.ok(logPathMatches(compileLogPathGlob('/l/a[0-9].log'), '/l/a7.log'));
  assert.ok(!logPathMatches(compileLogPathGlob('/l/a[!0-9].log'), '/l/a7.log'));
  assert.ok(logPathMatches(compileLogPathGlob('/l/a[!0-9].log'), '/l/ax.log'));
  assert.ok(logPathMatches(compileLogPathGlob('/l/a[.log'), '/l/a[.log'));
  assert.ok(logPathMatches(compileLogPathGlob('/l/[]]x'), '/l/]x'));
});

test('hidden names match only a segment that starts with a dot', () => {
  assert.ok(!logPathMatches(compileLogPathGlob('/l/*'), '/l/.hidden'));
  assert.ok(logPathMatches(compileLogPathGlob('/l/.h*'), '/l/.hidden'));
});

test('the base of a pattern with a wildcard directory is above it', () => {
  const glob = compileLogPathGlob('/srv/*/logs/access.log');
  assert.equal(glob.baseDir, '/srv');
  assert.equal(glob.wildcardInDirectory, true);
  assert.equal(compileLogPathGlob('/var/log/*.log').wildcardInDirectory, false);
  assert.ok(logPathMatches(glob, '/srv/site1/logs/access.log'));
});

test('relative patterns match relative paths only', () => {
  const glob = compileLogPathGlob('logs/*.log');
  assert.equal(glob.baseDir, 'logs');
  assert.ok(logPathMatches(glob, 'logs/a.log'));
  assert.ok(!logPathMatches(glob, '/logs/a.log'));
  assert.equal(compileLogPathGlob('*.log').baseDir, '.');
});

test('regular expression characters in names are literal', () => {
  assert.ok(logPathMatches(compileLogPathGlob('/l/a+b(1)*.log'), '/l/a+b(1)x.log'));
  assert.ok(!logPathMatches(compileLogPathGlob('/l/a.b*'), '/l/axb'));
});
