// The client's side of the protocol: one response line becomes the result, or the service's error as a
// Fail2nftError with the service's code, so the CLI reports it like any local error.
import { errorCodes, type ErrorCode } from '../core/error-codes.js';
import { Fail2nftError } from '../core/errors.js';

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCodes, code);
}

function badAnswer(why: string): Fail2nftError {
  return new Fail2nftError('F2N_ERR_CONTROL_CONNECTION', `fail2nft's answer is not understood: ${why}`);
}

/** The result of the response to request `id`; throws the service's error. */
export function parseControlResponse(line: string, id: number): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw badAnswer('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badAnswer('not an object');
  const response = parsed as Record<string, unknown>;
  // id null: the service refused the connection or the stream before reading this request.
  if (response.id !== id && response.id !== null)
    throw badAnswer(`it answers request ${JSON.stringify(response.id)}`);
  if (response.ok === true) {
    if (!('result' in response)) throw badAnswer('no result');
    return response.result;
  }
  if (response.ok !== false) throw badAnswer('no "ok" field');
  const error = response.error as { code?: unknown; message?: unknown } | undefined;
  const message = typeof error?.message === 'string' ? error.message : 'no message';
  if (!isErrorCode(error?.code)) throw badAnswer(`unknown error code ${String(error?.code)}: ${message}`);
  throw new Fail2nftError(error.code, message, { remote: true });
}
