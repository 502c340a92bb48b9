import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileShellTemplate, type ShellContext } from '../../src/actions/compile-shell-template.js';
import { Fail2nftError } from '../../src/core/errors.js';

function contexts(text: string): ShellContext[] {
  return compileShellTemplate(text).segments.flatMap((segment) =>
    typeof segment === 'string' ? [] : [segment.context],
  );
}

test('each ban-time tag is found with the quoting context it sits in', () => {
  assert.deepEqual(contexts(`a <ip> "b <ip>" 'c <ip>' d`), ['plain', 'double', 'single']);
});

test('backticks and $(...) inside double quotes open a new unquoted context with its own quotes', () => {
  assert.deepEqual(contexts('"x `echo <ip> "<ip>"` y <ip>"'), ['plain', 'double', 'double']);
  assert.deepEqual(contexts(`"x $(echo <ip> '<ip>' $(echo <ip>)) <ip>"`), [
    'plain',
    'single',
    'plain',
    'double',
  ]);
});

test('parentheses inside $(...) do not close it early', () => {
  assert.deepEqual(contexts('"$( (echo a) ; echo <ip> )<ip>"'), ['plain', 'double']);
});

test('backslash escapes hide quotes from the scanner as they hide them from the shell', () => {
  assert.deepEqual(contexts(`echo \\' <ip> "a \\" <ip>" <ip>`), ['plain', 'double', 'plain']);
});

test('a quote inside a comment does not open a quoted context', () => {
  assert.deepEqual(contexts(`echo a # don't\necho <ip>`), ['plain']);
});

test('here-document bodies are recognised, quoted or not, with <<- and several on a line', () => {
  assert.deepEqual(contexts('cat <<EOF\n"<ip>"\nEOF\necho <ip>'), ['heredoc', 'plain']);
  assert.deepEqual(contexts("cat <<-'END'\n<ip>\n\tEND\necho '<ip>'"), ['quoted-heredoc', 'single']);
  assert.deepEqual(contexts('cat <<A <<"B"\n<ip>\nA\n<ip>\nB\n<ip>'), ['heredoc', 'quoted-heredoc', 'plain']);
});

test('a free-text tag in a quoted here-document is refused, a validated one is allowed', () => {
  assert.throws(
    () => compileShellTemplate("cat <<'EOF'\n<F-USER>\nEOF"),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_ACTION_UNSAFE_TEMPLATE',
  );
  assert.deepEqual(contexts("cat <<'EOF'\n<failures>\nEOF"), ['quoted-heredoc']);
});

test('other <...> text is left alone: redirections, unknown tags, mail addresses', () => {
  const template = compileShellTemplate('cmd 2>/dev/null <in >out <known/chain> <<fq-hostname>>');
  assert.deepEqual(template.segments, [
    'cmd 2>/dev/null <in >out <known/chain> <',
    { tag: 'fq-hostname', context: 'plain' },
    '>',
  ]);
});

test('text between tags is kept exactly', () => {
  const text = `printf %b "Subject: <ip>\\n" | x 'y' \`z\` $(w) # c`;
  const joined = compileShellTemplate(text)
    .segments.map((segment) => (typeof segment === 'string' ? segment : `<${segment.tag}>`))
    .join('');
  assert.equal(joined, text);
});
