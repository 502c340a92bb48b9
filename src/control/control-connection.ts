// One client connection of the control socket: reads request lines, answers them one at a time and in
// order, and keeps every buffer bounded: a line is at most maxRequestBytes, reading pauses while many
// requests wait, and the next reply waits until the previous one reached the kernel (a client that
// pipelines without reading slows down instead of filling the service's memory).
import type { Socket } from 'node:net';
import { Fail2nftError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ControlHandler } from './control-handler.js';
import {
  encodeResponse,
  type ControlErrorBody,
  type ControlRequest,
  type ControlResponse,
} from './control-protocol.js';
import { dispatchControlRequest } from './dispatch-control-request.js';
import { LineBuffer } from './line-buffer.js';
import { parseControlRequest } from './parse-control-request.js';

export interface ConnectionOptions {
  readonly handler: ControlHandler;
  readonly logger: Logger;
  readonly maxRequestBytes: number;
  readonly idleTimeoutMs: number;
}

/** Requests read but not yet answered before reading pauses. */
const maxWaiting = 64;

/** What the log says about a request that changes state: who asked for what, without the address lists. */
function logFields(request: ControlRequest): Record<string, unknown> | undefined {
  switch (request.command) {
    case 'ban':
      return { command: 'ban', jail: request.args.jail, addresses: request.args.addresses.length };
    case 'unban': {
      const { addresses, jail } = request.args;
      return { command: 'unban', jail, addresses: addresses === 'all' ? 'all' : addresses.length };
    }
    case 'reload':
    case 'stop':
      return { command: request.command };
    default:
      return undefined;
  }
}

function errorBody(error: unknown): ControlErrorBody {
  if (error instanceof Fail2nftError) return { code: error.code, message: error.describe() };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'F2N_ERR_INTERNAL', message: `internal error: ${message}` };
}

export function serveControlConnection(socket: Socket, options: ConnectionOptions): void {
  const { handler, logger } = options;
  const reader = new LineBuffer(options.maxRequestBytes);
  let waiting: string[] = [];
  let next = 0;
  let busy = false;
  let peerEnded = false;
  let overflowed = false;
  /** Closing after a fatal line: later input is dropped unread. */
  let finished = false;

  /** Resolves once the reply is handed to the kernel (or the peer is gone). */
  const send = (response: ControlResponse): Promise<void> =>
    new Promise((resolve) => {
      if (!socket.writable) {
        resolve();
        return;
      }
      socket.write(encodeResponse(response), () => {
        resolve();
      });
    });

  /** Answers one line; true when the connection must close (the stream cannot be trusted any more). */
  const answer = async (line: string): Promise<boolean> => {
    const parsed = parseControlRequest(line);
    if (parsed.kind === 'refused') {
      logger.debug({ code: parsed.refusal.code }, 'control request refused');
      await send({ id: parsed.id, ok: false, error: parsed.refusal });
      return parsed.fatal;
    }
    const { request } = parsed;
    const fields = logFields(request);
    if (fields !== undefined) logger.info(fields, 'control request');
    let outcome;
    try {
      outcome = await dispatchControlRequest(request, handler);
    } catch (error) {
      const body = errorBody(error);
      if (body.code === 'F2N_ERR_INTERNAL')
        logger.error({ err: error, command: request.command }, 'control request failed');
      else logger.info({ code: body.code, command: request.command }, body.message);
      await send({ id: request.id, ok: false, error: body });
      return false;
    }
    await send({ id: request.id, ok: true, result: outcome.result });
    if (outcome.afterReply !== undefined) {
      outcome.afterReply().catch((error: unknown) => {
        logger.error({ err: error, command: request.command }, 'control command failed after its reply');
      });
    }
    return false;
  };

  const drain = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    let close = false;
    // Nothing more is run once no reply can be written (closed by us, by the server's stop, or broken):
    // a ban queued behind a garbage line must not happen unanswered.
    while (!close && next < waiting.length && socket.writable) {
      const line = waiting[next++] ?? '';
      if (next === waiting.length) {
        waiting = [];
        next = 0;
      }
      close = await answer(line);
      if (socket.isPaused() && !overflowed && waiting.length - next < maxWaiting / 2) socket.resume();
    }
    busy = false;
    if (!close && overflowed) {
      await send({
        id: null,
        ok: false,
        error: {
          code: 'F2N_ERR_CONTROL_TOO_LARGE',
          message: `request larger than ${options.maxRequestBytes} bytes (closing the connection)`,
        },
      });
      close = true;
    }
    if (close) {
      finished = true;
      waiting = [];
      next = 0;
    }
    if (close || peerEnded) socket.end();
  };

  socket.setTimeout(options.idleTimeoutMs);
  socket.on('timeout', () => {
    // Only an idle connection is cut; a long reload keeps its connection.
    if (!busy) socket.destroy();
  });
  // The peer went away mid-reply: nothing to answer any more, and nothing the operator must act on.
  socket.on('error', (error) => {
    logger.debug({ err: error }, 'control connection error');
  });
  socket.on('end', () => {
    // The client may send its request and shut its side at once (socat, nc -N): answer first, then close.
    peerEnded = true;
    if (!busy) socket.end();
  });
  socket.on('data', (chunk: Buffer) => {
    if (overflowed || finished) return;
    const { lines, overflow } = reader.push(chunk);
    for (const line of lines) if (line.trim() !== '') waiting.push(line);
    if (overflow) overflowed = true;
    if (overflowed || waiting.length - next >= maxWaiting) socket.pause();
    void drain();
  });
}
