import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDR_PATTERN, HOST_PATTERN, IP4_GROUP } from '../../../src/matching/regex/address-patterns.js';
import {
  expandRegexTags,
  expandTags,
  groupNameForTag,
} from '../../../src/matching/regex/expand-regex-tags.js';

test('<HOST> takes host names unless usedns is no', () => {
  assert.equal(expandTags('from <HOST>'), `from ${HOST_PATTERN}`);
  assert.equal(expandTags('from <HOST>', { useDns: 'no' }), `from ${ADDR_PATTERN}`);
  assert.equal(expandTags('from <HOST>', { useDns: 'raw' }), `from ${HOST_PATTERN}`);
});

test('fixed tags and their self-closing F- forms expand to the same groups', () => {
  assert.equal(expandTags('<IP4>'), IP4_GROUP);
  assert.equal(expandTags('<F-IP4/>'), IP4_GROUP);
  assert.equal(expandTags('<F-ID/>'), String.raw`(?P<fid>\S+)`);
  assert.equal(expandTags('<F-PORT/>'), String.raw`(?P<fport>\w+)`);
});

test('<F-NAME>…</F-NAME> becomes a lower-case group, with ID and PORT renamed', () => {
  assert.equal(expandTags('<F-USER>.*</F-USER>'), '(?P<user>.*)');
  assert.equal(expandTags('<F-ID>x</F-ID>'), '(?P<fid>x)');
  assert.equal(expandTags('<F-ALT_USER1>x</F-ALT_USER1>'), '(?P<alt_user1>x)');
  assert.equal(expandTags('<F-MLFID>a</F-MLFID><F-NOFAIL>b</F-NOFAIL>'), '(?P<mlfid>a)(?P<nofail>b)');
});

test('a closing tag that was never opened, lower-case and unknown tags stay as text', () => {
  assert.equal(expandTags('</F-USER>'), '</F-USER>');
  assert.equal(expandTags('<F-user>'), '<F-user>');
  assert.equal(expandTags('<foo>'), '<foo>');
  assert.equal(expandTags('(?P<user>x)'), '(?P<user>x)');
});

test('<SKIPLINES> takes the newline and then lazily whole lines, numbered per tag', () => {
  assert.equal(
    expandTags('a<SKIPLINES>b<SKIPLINES>c'),
    String.raw`a\n(?P<skiplines0>(?:.*\n)*?)b\n(?P<skiplines1>(?:.*\n)*?)c`,
  );
});

test('the full expansion also scopes group-start flags, as fail2ban does', () => {
  assert.equal(expandRegexTags('((?i)a|b) <F-ID/>'), String.raw`(?i:a|b) (?P<fid>\S+)`);
});

test('group names follow the tag names', () => {
  assert.equal(groupNameForTag('ID'), 'fid');
  assert.equal(groupNameForTag('MLFGAINED'), 'mlfgained');
});
