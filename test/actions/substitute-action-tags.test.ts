import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { substituteActionTags } from '../../src/actions/substitute-action-tags.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { hostileValues, runRendered, tempDir } from './action-test-kit.js';

const dir = tempDir();
after(() => dir.remove());
const marker = dir.file('pwned');
const hostile = hostileValues.map((value) => value.replaceAll('MARKER', marker));

/** Templates that print the value exactly once, each in a different quoting context. */
const contexts: readonly (readonly [string, string])[] = [
  ['unquoted', `printf '%s' <matches>`],
  ['double quotes', `printf '%s' "<matches>"`],
  ['single quotes', `printf '%s' '<matches>'`],
  ['backticks in double quotes', `printf '%s' "\`printf '%s' "<matches>"\`"`],
  ['$(...) in double quotes', `printf '%s' "$(printf '%s' '<matches>')"`],
  ['unquoted $(...)', `x=$(printf '%s' <matches>); printf '%s' "$x"`],
  ['variable assignment', `x=<matches>; printf '%s' "$x"`],
  ['printf %b argument', `printf %b "<matches>" | od -c >/dev/null; printf '%s' "<matches>"`],
  ['here-document', `cat <<EOF\n<matches>\nEOF`],
  ['indented here-document', `cat <<-EOF\n\t<matches>\n\tEOF`],
  ['a pipe', `printf '%s' "<matches>" | cat`],
  ['a subshell', `( printf '%s' "<matches>" )`],
  ['a tag inside text in single quotes', `printf '%s' 'before <matches> after'`],
];

function expectedOutput(template: string, value: string): string {
  if (template.includes('<<')) return `${value}\n`;
  if (template.includes("'before")) return `before ${value} after`;
  // Command substitution strips trailing newlines, as the shell does.
  if (template.includes('$(') || template.includes('`')) return value.replace(/\n+$/, '');
  return value;
}

for (const [name, template] of contexts) {
  test(`a hostile log value in ${name} reaches the command as data and runs nothing`, () => {
    for (const value of hostile) {
      const rendered = substituteActionTags(template, { options: {}, banTime: { matches: value } });
      assert.ok(!rendered.script.includes('touch'), `the value is not in the script: ${rendered.script}`);
      const result = runRendered(rendered);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, expectedOutput(template, value), `${name}: ${JSON.stringify(value)}`);
      assert.equal(dir.exists('pwned'), false, `${name} ran code from ${JSON.stringify(value)}`);
    }
  });
}

test('an unquoted tag still passes a value with spaces as one word', () => {
  const rendered = substituteActionTags(`set -- <matches>; printf '%s' "$#"`, {
    options: {},
    banTime: { matches: 'a b  c' },
  });
  assert.equal(runRendered(rendered).stdout, '1');
});

test('<F-USER> and other captures are passed like matches', () => {
  const value = `root'$(touch ${marker})`;
  const rendered = substituteActionTags(`printf '%s|%s' '<F-USER>' "<F-PORT>"`, {
    options: {},
    banTime: { 'F-USER': value, 'F-PORT': '22' },
  });
  assert.deepEqual(Object.keys(rendered.env).sort(), ['F2N_F_PORT', 'F2N_F_USER']);
  assert.equal(runRendered(rendered).stdout, `${value}|22`);
  assert.equal(dir.exists('pwned'), false);
});

test('validated values go into the script as text, as fail2ban writes them', () => {
  const rendered = substituteActionTags('ipset add f2b-<name> <ip> timeout <bantime> # <family>', {
    options: { name: 'sshd' },
    banTime: { ip: '2001:db8::1', bantime: '600', family: 'inet6' },
  });
  assert.equal(rendered.script, 'ipset add f2b-sshd 2001:db8::1 timeout 600 # inet6');
  assert.deepEqual(rendered.env, {});
});

test('a validated tag whose value is outside its character set is passed in the environment', () => {
  const rendered = substituteActionTags('echo <fid>', {
    options: {},
    banTime: { fid: 'user name; rm -rf /' },
  });
  assert.equal(rendered.script, 'echo "${F2N_FID}"');
  assert.equal(runRendered(rendered).stdout, 'user name; rm -rf /\n');
});

test("the action's options are substituted recursively, with the family's conditional value", () => {
  const options = {
    iptables: 'iptables <lockingopt>',
    'iptables?family=inet6': 'ip6tables <lockingopt>',
    lockingopt: '-w',
    chain: 'f2b-<name>',
    name: 'sshd',
  };
  const template = '<iptables> -I <chain> 1 -s <ip> -j DROP';
  assert.equal(
    substituteActionTags(template, { options, family: 'inet4', banTime: { ip: '192.0.2.1' } }).script,
    'iptables -w -I f2b-sshd 1 -s 192.0.2.1 -j DROP',
  );
  assert.equal(
    substituteActionTags(template, { options, family: 'inet6', banTime: { ip: '2001:db8::1' } }).script,
    'ip6tables -w -I f2b-sshd 1 -s 2001:db8::1 -j DROP',
  );
});

test('an option value that names a ban-time tag gets the ban value in the second pass', () => {
  const rendered = substituteActionTags('grep <grepargs> /var/log/auth.log', {
    options: { grepargs: '-wF "<ip>"' },
    banTime: { ip: '192.0.2.1' },
  });
  assert.equal(rendered.script, 'grep -wF "192.0.2.1" /var/log/auth.log');
});

test('options that refer to each other endlessly are refused with F2N_ERR_ACTION_TAG_LOOP', () => {
  assert.throws(
    () => substituteActionTags('<a>', { options: { a: '<b>', b: '<a>x' }, banTime: {} }),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_ACTION_TAG_LOOP',
  );
});

test('a log-derived tag in a quoted here-document is refused with F2N_ERR_ACTION_UNSAFE_TEMPLATE', () => {
  assert.throws(
    () => substituteActionTags("cat <<'EOF'\n<matches>\nEOF", { options: {}, banTime: { matches: 'x' } }),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_ACTION_UNSAFE_TEMPLATE',
  );
  const ip = substituteActionTags("cat <<'EOF'\n<ip>\nEOF", { options: {}, banTime: { ip: '192.0.2.1' } });
  assert.equal(runRendered(ip).stdout, '192.0.2.1\n');
});

test('unknown tags stay as written, as in fail2ban', () => {
  const rendered = substituteActionTags('echo <unknown> <ip-host>', { options: {}, banTime: {} });
  assert.equal(rendered.script, 'echo <unknown> <ip-host>');
});
