// The control socket's view of the running service: adapts the service's answers to the control
// stage's contract (infinite ends become null for JSON).
import { readFileSync } from 'node:fs';
import type { ControlHandler } from '../control/index.js';
import type { Service } from '../service.js';

function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const finite = (ms: number): number | null => (Number.isFinite(ms) ? ms : null);

export function controlHandlerOf(service: Service): ControlHandler {
  const version = packageVersion();
  return {
    jails: () => service.jails(),
    status: (jail) => service.status(jail),
    ban: async (jail, addresses) =>
      (await service.ban(jail, addresses)).map((result) =>
        result.result === 'banned' || result.result === 'already-banned'
          ? { address: result.address, result: result.result, until: finite(result.endMs) }
          : { address: result.address, result: result.result },
      ),
    unban: (addresses, jail) => service.unban(addresses, jail),
    banned: (jail) =>
      service.banned(jail).map((ban) => ({
        jail: ban.jail,
        address: ban.address,
        startMs: ban.startMs,
        endMs: finite(ban.endMs),
      })),
    reload: () => service.reload(),
    stop: () => {
      void service.stop();
      return Promise.resolve();
    },
    version: () => version,
  };
}
