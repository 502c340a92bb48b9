// What a failed connection to the control socket means for the person who typed the command: the
// service is not running, they lack permission, or something else went wrong (named as it is).
import { Fail2nftError } from '../core/errors.js';

export function connectError(error: unknown, path: string): Fail2nftError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const details = { path, errno: code };
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new Fail2nftError(
        'F2N_ERR_CONTROL_NOT_RUNNING',
        `fail2nft is not running (no socket at ${path})`,
        details,
        error,
      );
    case 'ECONNREFUSED':
      return new Fail2nftError(
        'F2N_ERR_CONTROL_NOT_RUNNING',
        `fail2nft is not running (nothing answers on ${path}: a socket left by a stopped service)`,
        details,
        error,
      );
    case 'EACCES':
    case 'EPERM':
      return new Fail2nftError(
        'F2N_ERR_CONTROL_PERMISSION',
        `permission denied on the control socket ${path}: run the command as the service's user (root, sudo)`,
        details,
        error,
      );
    case 'EAGAIN':
      return new Fail2nftError(
        'F2N_ERR_CONTROL_BUSY',
        `fail2nft is too busy to accept a connection on ${path}`,
        details,
        error,
      );
    default:
      return new Fail2nftError(
        'F2N_ERR_CONTROL_CONNECTION',
        `cannot talk to fail2nft on ${path}: ${error instanceof Error ? error.message : String(error)}`,
        details,
        error,
      );
  }
}
