// POSIX shell quoting of one word, for showing a command with its environment in messages
// (`F2N_MATCHES='...' /bin/sh -c '...'`). Commands themselves never carry log text: see
// render-shell-template.ts.

const plainWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The word as the shell would read it back unchanged: single quotes, `'` written as `'\''`. */
export function quoteShellWord(value: string): string {
  if (plainWord.test(value)) return value;
  return `'${value.replaceAll("'", "'\\''")}'`;
}
