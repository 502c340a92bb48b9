import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileShellTemplate } from '../../src/actions/compile-shell-template.js';
import {
  boundEnvValue,
  envVariableName,
  MAX_ENV_VALUE_BYTES,
  renderShellTemplate,
} from '../../src/actions/render-shell-template.js';
import { runRendered } from './action-test-kit.js';

test('each context gets the reference form the shell expands as one piece of data', () => {
  const template = compileShellTemplate(`a <matches> "b <matches>" 'c <matches>'\ncat <<E\n<matches>\nE`);
  const rendered = renderShellTemplate(template, { matches: 'm' });
  assert.equal(
    rendered.script,
    `a "\${F2N_MATCHES}" "b \${F2N_MATCHES}" 'c '"\${F2N_MATCHES}"''\ncat <<E\n\${F2N_MATCHES}\nE`,
  );
  assert.deepEqual(rendered.env, { F2N_MATCHES: 'm' });
});

test('validated values are inlined, except in a here-document body', () => {
  const rendered = renderShellTemplate(compileShellTemplate('echo <ip>\ncat <<E\n<ip>\nE'), {
    ip: '192.0.2.1',
  });
  assert.equal(rendered.script, 'echo 192.0.2.1\ncat <<E\n${F2N_IP}\nE');
});

test('a missing value renders empty', () => {
  const rendered = renderShellTemplate(compileShellTemplate(`printf '[%s]' "<F-NOPE>" "<bancount>"`), {});
  assert.equal(runRendered(rendered).stdout, '[][]');
});

test('tags whose variable names collide get distinct variables', () => {
  const rendered = renderShellTemplate(compileShellTemplate(`printf '%s %s' "<F-A_B>" "<F-A-B>"`), {
    'F-A_B': 'one',
    'F-A-B': 'two',
  });
  assert.deepEqual(rendered.env, { F2N_F_A_B: 'one', F2N_F_A_B_2: 'two' });
  assert.equal(runRendered(rendered).stdout, 'one two');
});

test('variable names are F2N_ and the tag in upper case with _ for other characters', () => {
  assert.equal(envVariableName('ipjailmatches'), 'F2N_IPJAILMATCHES');
  assert.equal(envVariableName('F-USER'), 'F2N_F_USER');
  assert.equal(envVariableName('ip-rev'), 'F2N_IP_REV');
});

test('environment values lose NUL bytes and are cut at a line end below the kernel limit', () => {
  assert.equal(boundEnvValue('a\0b'), 'ab');
  const line = `${'x'.repeat(999)}\n`;
  const long = line.repeat(200);
  const bounded = boundEnvValue(long);
  assert.ok(Buffer.byteLength(bounded) <= MAX_ENV_VALUE_BYTES + 32);
  assert.ok(bounded.endsWith('\n[... cut by fail2nft]'));
  assert.ok(bounded.startsWith(line));
  const rendered = renderShellTemplate(compileShellTemplate(`printf '%s' "<matches>" | wc -c`), {
    matches: long,
  });
  assert.equal(Number(runRendered(rendered).stdout.trim()), Buffer.byteLength(bounded));
});
