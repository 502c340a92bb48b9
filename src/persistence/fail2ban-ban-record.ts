// One row of fail2ban's bips table (its latest ban of an address in a jail, with the ban count) as
// fail2nft's records: always a history row, and a current ban while it is still active. Pure.
//
// Facts from fail2ban 1.0.2's schema (version 4): timeofban and bantime are whole seconds, bantime
// -1 is permanent and -2 "unknown" (rows upgraded from schema 2/3, which fail2ban replaces by the
// jail's bantime — not known here, so such rows become history only); data is JSON (written as a
// UTF-8 blob) holding "matches" and "failures"; bancount counts the bans and may be 0 in rows not written by a ban.
import { parseIpAddress, parseIpNetwork } from '../core/ip-address.js';
import type { BanDecision } from '../core/records.js';
import type { BanHistoryRow } from './ban-store.js';

export interface Fail2banBipsRow {
  readonly ip: unknown;
  readonly jail: unknown;
  readonly timeofban: unknown;
  readonly bantime: unknown;
  readonly bancount: unknown;
  readonly data: unknown;
}

export type Fail2banRecordResult =
  | {
      readonly kind: 'record';
      readonly history: BanHistoryRow;
      /** Present while the ban is active at nowMs. */
      readonly active?: BanDecision;
      readonly unknownBanTime: boolean;
    }
  | { readonly kind: 'skipped'; readonly reason: string };

interface Target {
  readonly text: string;
  readonly family: 4 | 6;
}

/** The ban id as fail2nft's canonical address or network (what DecisionStage bans), if it is one. */
function targetOf(id: string): Target | undefined {
  const address = parseIpAddress(id);
  if (address !== undefined) return address;
  const network = parseIpNetwork(id);
  if (network === undefined) return undefined;
  if (network.prefix === (network.family === 4 ? 32 : 128)) {
    return parseIpAddress(id.slice(0, id.indexOf('/')));
  }
  return network;
}

function integerOf(value: unknown): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : undefined;
}

const utf8 = new TextDecoder('utf-8');

interface BanData {
  readonly failures: number;
  readonly matches?: readonly string[];
}

/** failures and matches from fail2ban's data JSON; anything unreadable counts as absent. */
function dataOf(value: unknown): BanData {
  const text = value instanceof Uint8Array ? utf8.decode(value) : value;
  if (typeof text !== 'string') return { failures: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { failures: 0 };
  }
  if (typeof parsed !== 'object' || parsed === null) return { failures: 0 };
  const record = parsed as Record<string, unknown>;
  const failures = integerOf(record.failures) ?? 0;
  const matches = Array.isArray(record.matches)
    ? record.matches.filter((line): line is string => typeof line === 'string')
    : [];
  return matches.length === 0 ? { failures } : { failures, matches };
}

export function convertFail2banRecord(row: Fail2banBipsRow, nowMs: number): Fail2banRecordResult {
  if (typeof row.jail !== 'string' || row.jail === '') return { kind: 'skipped', reason: 'no jail name' };
  if (typeof row.ip !== 'string') return { kind: 'skipped', reason: 'no ban id' };
  const target = targetOf(row.ip.trim());
  if (target === undefined) return { kind: 'skipped', reason: `${row.ip} is not an IP address or network` };
  const startSec = integerOf(row.timeofban);
  const banTimeSec = integerOf(row.bantime);
  if (startSec === undefined || banTimeSec === undefined) {
    return { kind: 'skipped', reason: `${row.ip}: timeofban or bantime is not a number` };
  }
  const startMs = startSec * 1000;
  const unknownBanTime = banTimeSec < -1;
  const durationSec = unknownBanTime ? 0 : banTimeSec;
  const count = Math.max(1, integerOf(row.bancount) ?? 1);
  const history: BanHistoryRow = {
    jail: row.jail,
    address: target.text,
    count,
    lastStartMs: startMs,
    durationSec,
  };
  const isActive = !unknownBanTime && (durationSec < 0 || startMs + durationSec * 1000 > nowMs);
  if (!isActive) return { kind: 'record', history, unknownBanTime };
  const data = dataOf(row.data);
  const active: BanDecision = {
    jail: row.jail,
    address: target.text,
    family: target.family,
    startMs,
    durationSec,
    banCount: count,
    failures: data.failures,
    ...(data.matches === undefined ? {} : { matches: data.matches }),
  };
  return { kind: 'record', history, active, unknownBanTime };
}
