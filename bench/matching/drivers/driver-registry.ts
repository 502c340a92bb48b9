// The drivers by name, and which of them can run here. The fast matchers are imported only when asked
// for, so the benchmark runs (with the reference driver) before they exist.
import { DRIVER_NAMES, type DriverName } from '../bench-options.js';
import { lineFilterDriver } from './line-filter-driver.js';
import type { MatchDriver } from './match-driver.js';

export interface DriverAvailability {
  readonly name: DriverName;
  readonly driver: MatchDriver | undefined;
  /** Why it cannot run, when it cannot. */
  readonly reason: string | undefined;
}

type DriverLoader = () => Promise<MatchDriver>;

const loaders: Readonly<Record<DriverName, DriverLoader>> = {
  'line-filter': () => Promise.resolve(lineFilterDriver),
  'source-matcher': async () => (await import('./source-matcher-driver.js')).sourceMatcherDriver,
  engine: async () => (await import('./engine-driver.js')).engineDriver,
};

export async function loadDrivers(names: readonly DriverName[] | undefined): Promise<DriverAvailability[]> {
  const out: DriverAvailability[] = [];
  for (const name of names ?? DRIVER_NAMES) {
    try {
      out.push({ name, driver: await loaders[name](), reason: undefined });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      out.push({ name, driver: undefined, reason });
    }
  }
  return out;
}
