// Chooses where the service's bans go: the dry-run log or the configured kernel backend.
import type { ServiceSettings } from '../config/index.js';
import { Fail2nftError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { createDryRunSink, type BanSink } from '../service/ban-sink.js';

export interface BanSinkRequest {
  readonly settings: ServiceSettings;
  readonly dryRun: boolean;
  readonly logger: Logger;
}

export function createBanSink(request: BanSinkRequest): Promise<BanSink> {
  if (request.dryRun || request.settings.firewall === 'dry-run')
    return Promise.resolve(createDryRunSink(request.logger.child({ stage: 'sink' })));
  return Promise.reject(
    new Fail2nftError(
      'F2N_ERR_USAGE',
      `the ${request.settings.firewall} backend is not wired into the service yet; start with --dry-run`,
    ),
  );
}
