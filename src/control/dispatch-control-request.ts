// Runs one validated request against the handler. A jail name is checked here, once, so every command
// that names a jail answers an unknown one the same way. `stop` answers first and stops afterwards:
// the service closes this socket while stopping, and the client must still get its reply.
import { Fail2nftError } from '../core/errors.js';
import type { ControlHandler } from './control-handler.js';
import type { ControlRequest, ControlResults, ServerStatusView } from './control-protocol.js';

export interface DispatchOutcome {
  readonly result: ControlResults[keyof ControlResults];
  /** Run by the server once the reply has been written to the socket. */
  readonly afterReply?: () => Promise<void>;
}

function unknownJail(jail: string): Fail2nftError {
  return new Fail2nftError('F2N_ERR_CONTROL_UNKNOWN_JAIL', `jail '${jail}' does not exist`, { jail });
}

function requireJail(handler: ControlHandler, jail: string | undefined): void {
  if (jail !== undefined && !handler.jails().includes(jail)) throw unknownJail(jail);
}

export async function dispatchControlRequest(
  request: ControlRequest,
  handler: ControlHandler,
): Promise<DispatchOutcome> {
  switch (request.command) {
    case 'ping':
      return { result: 'pong' };
    case 'version':
      return { result: handler.version() };
    case 'status': {
      const { jail } = request.args;
      if (jail === undefined) {
        const status: ServerStatusView = { jails: [...handler.jails()].sort() };
        return { result: status };
      }
      const status = handler.status(jail);
      if (status === undefined) throw unknownJail(jail);
      return { result: status };
    }
    case 'ban':
      requireJail(handler, request.args.jail);
      return { result: await handler.ban(request.args.jail, request.args.addresses) };
    case 'unban':
      requireJail(handler, request.args.jail);
      return { result: await handler.unban(request.args.addresses, request.args.jail) };
    case 'banned':
      requireJail(handler, request.args.jail);
      return { result: handler.banned(request.args.jail) };
    case 'reload':
      return { result: await handler.reload() };
    case 'stop':
      return { result: null, afterReply: () => handler.stop() };
  }
}
