// The demo's temporary directory: a copy of the bundled configuration with the demo's jail.local and
// fail2nft.local, an empty mail log, and room for the service's log, database and socket.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fail2nftError } from '../../core/errors.js';
import {
  demoJailLocal,
  demoServiceLocal,
  type DemoJailSettings,
  type DemoPaths,
} from './demo-config-text.js';

export function createDemoWorkspace(
  bundledConfigDir: string,
  settings: DemoJailSettings,
  metricsPort: number,
): DemoPaths {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-demo-'));
  const paths: DemoPaths = {
    dir,
    configDir: join(dir, 'config'),
    mailLog: join(dir, 'mail.log'),
    serviceLog: join(dir, 'fail2nft.log'),
    database: join(dir, 'fail2nft.sqlite3'),
    socket: join(dir, 'fail2nft.sock'),
    pidFile: join(dir, 'fail2nft.pid'),
  };
  try {
    cpSync(bundledConfigDir, paths.configDir, { recursive: true });
    writeFileSync(join(paths.configDir, 'jail.local'), demoJailLocal(paths, settings));
    writeFileSync(join(paths.configDir, 'fail2nft.local'), demoServiceLocal(paths, metricsPort));
    // The file exists before the service starts, so its source follows it from the first line.
    writeFileSync(paths.mailLog, '');
  } catch (error) {
    removeDemoWorkspace(paths);
    throw error;
  }
  return paths;
}

export function removeDemoWorkspace(paths: DemoPaths): void {
  rmSync(paths.dir, { recursive: true, force: true });
}

/** A loopback port nobody listens on right now (the dry run's metrics share the host's loopback). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string')
    throw new Fail2nftError('F2N_ERR_DEMO_STEP_FAILED', 'no free loopback port for the metrics');
  return address.port;
}
