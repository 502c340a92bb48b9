// The bans in the service's own log (pino JSON lines, one "Ban ADDRESS" record per ban with its jail
// and address): what a dry run decided, and the progress of a real one.
import type { DemoBan } from './demo-ban.js';

export interface LoggedBan extends DemoBan {
  readonly bantime: number | undefined;
}

function field(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' ? value : undefined;
}

export function bansInServiceLog(text: string): LoggedBan[] {
  const bans: LoggedBan[] = [];
  for (const line of text.split('\n')) {
    // Cheap test first: most lines of a busy log are not bans.
    if (!line.includes('"Ban ')) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof record !== 'object' || record === null) continue;
    const entry = record as Record<string, unknown>;
    const jail = field(entry, 'jail');
    const address = field(entry, 'address');
    if (jail === undefined || address === undefined || field(entry, 'msg') !== `Ban ${address}`) continue;
    bans.push({ jail, address, bantime: typeof entry.bantime === 'number' ? entry.bantime : undefined });
  }
  return bans;
}
