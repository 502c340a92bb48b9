// What the numbers were measured on, recorded with them: CPU, cores, memory, load, versions.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { fail2banRegexVersion } from './run-fail2ban-regex.js';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverage: readonly number[];
  readonly node: string;
  readonly re2: string | undefined;
  readonly piscina: string | undefined;
  readonly fail2ban: string | undefined;
}

const require = createRequire(import.meta.url);

/** The installed version, from the package.json above its entry (some packages do not export it). */
function packageVersion(name: string): string | undefined {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    // Not installed: the report shows the version as unknown.
    return undefined;
  }
  for (let depth = 0; depth < 8; depth++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
  }
  return undefined;
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    re2: packageVersion('re2'),
    piscina: packageVersion('piscina'),
    fail2ban: fail2banRegexVersion(),
  };
}
