// Reading fail2ban-client's answers (the text of `status JAIL` and `get JAIL actions`), which is all the
// benchmark learns from fail2ban-server: it has no line counter, only failure and ban totals. Pure.

export interface Fail2banJailStatus {
  readonly currentlyFailed: number;
  readonly totalFailed: number;
  readonly currentlyBanned: number;
  readonly totalBanned: number;
  readonly bannedList: readonly string[];
}

function field(text: string, label: string): string | undefined {
  // Lines look like "|  |- Total failed:\t928" or "   `- Banned IP list:\t1.2.3.4 5.6.7.8".
  for (const line of text.split('\n')) {
    const at = line.indexOf(`${label}:`);
    if (at >= 0) return line.slice(at + label.length + 1).trim();
  }
  return undefined;
}

function count(text: string, label: string): number {
  const value = field(text, label);
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new Error(`fail2ban status without a number for "${label}": ${JSON.stringify(text.slice(0, 200))}`);
  }
  return Number(value);
}

/** Parses the answer to `status JAIL`; throws when a field is missing (an error message instead). */
export function parseJailStatus(text: string): Fail2banJailStatus {
  const list = field(text, 'Banned IP list');
  if (list === undefined)
    throw new Error(`fail2ban status without a ban list: ${JSON.stringify(text.slice(0, 200))}`);
  return {
    currentlyFailed: count(text, 'Currently failed'),
    totalFailed: count(text, 'Total failed'),
    currentlyBanned: count(text, 'Currently banned'),
    totalBanned: count(text, 'Total banned'),
    bannedList: list.split(/\s+/).filter((address) => address !== ''),
  };
}

/** Parses the answer to `get JAIL actions`: the action names after the heading line. */
export function parseJailActions(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trim());
  const heading = lines.findIndex((line) => line.endsWith('has the following actions:'));
  if (heading < 0)
    throw new Error(`unexpected answer to "get JAIL actions": ${JSON.stringify(text.slice(0, 200))}`);
  return lines
    .slice(heading + 1)
    .flatMap((line) => line.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
