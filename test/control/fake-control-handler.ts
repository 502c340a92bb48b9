// An in-memory ControlHandler for the control tests: two jails, bans in a map, every call recorded.
import type {
  BanResultView,
  BannedView,
  ControlHandler,
  JailStatusView,
  ReloadView,
  UnbanResultView,
} from '../../src/control/index.js';

export const fakeNow = Date.UTC(2026, 10, 21, 10, 0, 0);

export interface FakeControlHandler extends ControlHandler {
  readonly calls: string[];
  readonly bans: Map<string, Map<string, { startMs: number; endMs: number | null }>>;
  stopped: boolean;
  /** When set, the next call of the named method throws it. */
  failNext?: { method: string; error: Error };
  /** When set, reload() waits for it. */
  reloadGate?: Promise<void>;
}

export function createFakeControlHandler(): FakeControlHandler {
  const bans = new Map<string, Map<string, { startMs: number; endMs: number | null }>>([
    ['sshd', new Map([['192.0.2.7', { startMs: fakeNow - 60_000, endMs: fakeNow + 540_000 }]])],
    ['postfix', new Map([['2001:db8::7', { startMs: fakeNow - 120_000, endMs: null }]])],
  ]);
  const fake: FakeControlHandler = {
    calls: [],
    bans,
    stopped: false,
    jails: () => [...bans.keys()],
    status(jail): JailStatusView | undefined {
      fake.calls.push(`status ${jail}`);
      const jailBans = bans.get(jail);
      if (jailBans === undefined) return undefined;
      return {
        jail,
        failed: { current: 0, total: 5 },
        banned: { current: jailBans.size, total: jailBans.size + 2, list: [...jailBans.keys()] },
        files: jail === 'sshd' ? ['/var/log/auth.log'] : ['/var/log/mail.log', '/var/log/mail.warn'],
      };
    },
    ban(jail, addresses): Promise<BanResultView[]> {
      fake.calls.push(`ban ${jail} ${addresses.join(' ')}`);
      const failure = fake.failNext;
      if (failure?.method === 'ban') {
        fake.failNext = undefined;
        return Promise.reject(failure.error);
      }
      const jailBans = bans.get(jail);
      return Promise.resolve(
        addresses.map((address): BanResultView => {
          if (jailBans === undefined) return { address, result: 'unknown-jail' };
          if (jailBans.has(address)) return { address, result: 'already-banned' };
          const endMs = jail === 'postfix' ? null : fakeNow + 600_000;
          jailBans.set(address, { startMs: fakeNow, endMs });
          return { address, result: 'banned', until: endMs };
        }),
      );
    },
    unban(addresses, jail): Promise<UnbanResultView> {
      fake.calls.push(
        `unban ${addresses === 'all' ? 'all' : addresses.join(' ')}${jail === undefined ? '' : ` in ${jail}`}`,
      );
      const jails = jail === undefined ? [...bans.keys()] : [jail];
      const unbanned: { jail: string; address: string }[] = [];
      const found = new Set<string>();
      for (const name of jails) {
        const jailBans = bans.get(name);
        if (jailBans === undefined) continue;
        for (const address of addresses === 'all' ? [...jailBans.keys()] : addresses) {
          if (jailBans.delete(address)) {
            unbanned.push({ jail: name, address });
            found.add(address);
          }
        }
      }
      const notBanned = addresses === 'all' ? [] : addresses.filter((a) => !found.has(a));
      return Promise.resolve({ unbanned, notBanned, invalid: [] });
    },
    banned(jail): BannedView[] {
      fake.calls.push(`banned${jail === undefined ? '' : ` ${jail}`}`);
      const out: BannedView[] = [];
      for (const [name, jailBans] of bans) {
        if (jail !== undefined && name !== jail) continue;
        for (const [address, ban] of jailBans) out.push({ jail: name, address, ...ban });
      }
      return out;
    },
    async reload(): Promise<ReloadView> {
      fake.calls.push('reload');
      if (fake.reloadGate !== undefined) await fake.reloadGate;
      return { jails: [...bans.keys(), 'dovecot'], added: ['dovecot'], removed: [] };
    },
    stop(): Promise<void> {
      fake.calls.push('stop');
      fake.stopped = true;
      return Promise.resolve();
    },
    version: () => '0.1.0',
  };
  return fake;
}
