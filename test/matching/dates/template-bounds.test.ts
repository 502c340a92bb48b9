import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundPattern, hasUnnamedGroup } from '../../../src/matching/dates/template-bounds.js';

const bound = (pattern: string) => boundPattern(pattern, { begin: 'word', wordEnd: true, markers: true });

test('a plain pattern gets word boundaries and is wrapped as the date group', () => {
  assert.deepEqual(bound('%Y-%m-%d'), {
    text: '(%Y-%m-%d)',
    stripped: '%Y-%m-%d',
    flags: '',
    begin: 'word',
    wordEnd: true,
    lineBegin: false,
    lineEnd: false,
  });
});

test('a leading ^ (also in parentheses) or ** drops the begin boundary; ^ stays outside the group', () => {
  assert.deepEqual(
    [bound('^x %Y').text, bound('^x %Y').begin, bound('^x %Y').lineBegin],
    ['^(x %Y)', 'none', true],
  );
  assert.equal(bound('(?:^x)').begin, 'none');
  assert.equal(bound('((?i)^x)').begin, 'none');
  assert.deepEqual([bound('**%Y').text, bound('**%Y').begin], ['(%Y)', 'none']);
});

test('$, \\b, \\s or ** at the end drop the end boundary; $ stays outside the group', () => {
  assert.deepEqual([bound('%Y$').text, bound('%Y$').wordEnd, bound('%Y$').lineEnd], ['(%Y)$', false, true]);
  assert.equal(bound('%Y\\b').wordEnd, false);
  assert.equal(bound('%Y\\s').wordEnd, false);
  assert.equal(bound('%Y\\\\$').wordEnd, true);
  assert.deepEqual([bound('%Y**').text, bound('%Y**').wordEnd], ['(%Y)', false]);
});

test('{^LN-BEG} anchors at the line start, {UNB} removes all boundaries', () => {
  assert.deepEqual([bound('{^LN-BEG}%Y').begin, bound('{^LN-BEG}%Y').lineBegin], ['line', true]);
  assert.deepEqual([bound('{UNB}%Y').begin, bound('{UNB}%Y').wordEnd], ['none', false]);
});

test('the first inline flags group anywhere is hoisted; an existing unnamed group is kept as the date group', () => {
  assert.deepEqual([bound('x(?i)%b').text, bound('x(?i)%b').flags], ['(x%b)', 'i']);
  assert.equal(bound('^a (%Y) b').text, '^a (%Y) b');
  assert.equal(hasUnnamedGroup('(?:a)(?P<x>b)\\(c'), false);
  assert.equal(hasUnnamedGroup('a(b)'), true);
});
