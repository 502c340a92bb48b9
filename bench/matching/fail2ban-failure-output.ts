// Reading what fail2ban-regex reports per failure. It is run with `-o FORMAT`, a template with tags
// (<fid>: the failure id, <matches>: the failure's lines joined by newlines, several for a session that
// gathered lines). Each failure starts with MARKER; the lines that follow without it are more of its
// matches. The line that produced the failure is the last one. Pure.

const MARKER = 'F2NBENCH';

/** The value of fail2ban-regex's -o option that parseFail2banFailures reads. */
export const FAIL2BAN_OUTPUT_FORMAT = `${MARKER}\t<fid>\t<matches>`;

export interface Fail2banFailure {
  readonly id: string;
  /** The line that produced the failure (the last of its matches). */
  readonly line: string;
}

export function parseFail2banFailures(stdout: string): Fail2banFailure[] {
  const failures: Fail2banFailure[] = [];
  let id: string | undefined;
  let last = '';
  const flush = (): void => {
    if (id !== undefined) failures.push({ id, line: last });
  };
  for (const line of stdout.split('\n')) {
    if (line.startsWith(`${MARKER}\t`)) {
      flush();
      const tab = line.indexOf('\t', MARKER.length + 1);
      id = tab < 0 ? line.slice(MARKER.length + 1) : line.slice(MARKER.length + 1, tab);
      last = tab < 0 ? '' : line.slice(tab + 1);
    } else if (id !== undefined && line !== '') {
      last = line;
    }
  }
  flush();
  return failures;
}
