// Reads one request line strictly: known command, known argument names with the right types, addresses
// turned into canonical text. Anything else is refused with a code the client can show. A line that is
// not a JSON object with a usable id is "fatal": the server cannot tell which request it answers, so it
// replies with id null and closes the connection.
import type { ErrorCode } from '../core/error-codes.js';
import { canonicalAddress } from './canonical-address.js';
import { controlCommands, type ControlCommand, type ControlRequest } from './control-protocol.js';

export interface RequestRefusal {
  readonly code: ErrorCode;
  readonly message: string;
}

export type ParsedRequest =
  | { readonly kind: 'request'; readonly request: ControlRequest }
  | {
      readonly kind: 'refused';
      readonly id: number | null;
      readonly refusal: RequestRefusal;
      readonly fatal: boolean;
    };

const maxJailNameLength = 256;
/** Longer than any address or network text; keeps error messages short. */
const maxAddressLength = 100;
/** How many bad addresses an error message names before "and N more". */
const namedInvalid = 5;

const argumentNames: Readonly<Record<ControlCommand, readonly string[]>> = {
  ping: [],
  version: [],
  status: ['jail'],
  ban: ['jail', 'addresses'],
  unban: ['addresses', 'jail'],
  banned: ['jail'],
  reload: [],
  stop: [],
};

class Refused extends Error {
  constructor(readonly refusal: RequestRefusal) {
    super(refusal.message);
  }
}

function refuse(code: ErrorCode, message: string): never {
  throw new Refused({ code, message });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCommand(value: string): value is ControlCommand {
  return (controlCommands as readonly string[]).includes(value);
}

function readJail(args: Record<string, unknown>, required: boolean): string | undefined {
  const jail = args.jail;
  if (jail === undefined)
    return required ? refuse('F2N_ERR_CONTROL_BAD_REQUEST', 'args.jail is required') : undefined;
  if (typeof jail !== 'string' || jail === '' || jail.length > maxJailNameLength)
    return refuse(
      'F2N_ERR_CONTROL_BAD_REQUEST',
      `args.jail must be a jail name (1 to ${maxJailNameLength} characters)`,
    );
  return jail;
}

function readAddresses(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    return refuse('F2N_ERR_CONTROL_BAD_REQUEST', 'args.addresses must be a non-empty list of addresses');
  const canonical: string[] = [];
  const invalid: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string')
      return refuse('F2N_ERR_CONTROL_BAD_REQUEST', 'args.addresses must hold strings only');
    const text = item.length <= maxAddressLength ? canonicalAddress(item) : undefined;
    if (text === undefined) invalid.push(item.length <= maxAddressLength ? item : `${item.slice(0, 20)}...`);
    else canonical.push(text);
  }
  if (invalid.length > 0) {
    const named = invalid
      .slice(0, namedInvalid)
      .map((a) => `'${a}'`)
      .join(', ');
    const more = invalid.length > namedInvalid ? ` and ${invalid.length - namedInvalid} more` : '';
    refuse(
      'F2N_ERR_CONTROL_BAD_ADDRESS',
      `not an IP address or network: ${named}${more} (nothing was changed)`,
    );
  }
  // A list that names an address twice asks for one ban.
  return [...new Set(canonical)];
}

function readArgs(id: number, command: ControlCommand, args: Record<string, unknown>): ControlRequest {
  const allowed = argumentNames[command];
  const unknown = Object.keys(args).find((name) => !allowed.includes(name));
  if (unknown !== undefined)
    refuse(
      'F2N_ERR_CONTROL_BAD_REQUEST',
      allowed.length === 0
        ? `${command} takes no arguments, got args.${unknown}`
        : `unknown argument args.${unknown} for ${command} (expected ${allowed.join(', ')})`,
    );
  switch (command) {
    case 'status':
    case 'banned': {
      const jail = readJail(args, false);
      return { id, command, args: jail === undefined ? {} : { jail } };
    }
    case 'ban':
      return {
        id,
        command,
        args: { jail: readJail(args, true) ?? '', addresses: readAddresses(args.addresses) },
      };
    case 'unban': {
      const jail = readJail(args, false);
      const addresses = args.addresses === 'all' ? 'all' : readAddresses(args.addresses);
      return { id, command, args: jail === undefined ? { addresses } : { addresses, jail } };
    }
    case 'ping':
    case 'version':
    case 'reload':
    case 'stop':
      return { id, command, args: {} };
  }
}

function readId(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export function parseControlRequest(line: string): ParsedRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return fatal('the request is not JSON (one JSON object per line)');
  }
  if (!isPlainObject(parsed)) return fatal('the request must be a JSON object');
  const id = readId(parsed.id);
  if (id === undefined) return fatal('the request needs an "id": a non-negative integer');
  try {
    const extra = Object.keys(parsed).find((key) => key !== 'id' && key !== 'command' && key !== 'args');
    if (extra !== undefined) refuse('F2N_ERR_CONTROL_BAD_REQUEST', `unknown request field "${extra}"`);
    const command = parsed.command;
    if (typeof command !== 'string')
      return refuse('F2N_ERR_CONTROL_BAD_REQUEST', '"command" must be a string');
    if (!isCommand(command))
      refuse(
        'F2N_ERR_CONTROL_UNKNOWN_COMMAND',
        `unknown command '${command.slice(0, 40)}' (known: ${controlCommands.join(', ')})`,
      );
    const args = parsed.args ?? {};
    if (!isPlainObject(args)) return refuse('F2N_ERR_CONTROL_BAD_REQUEST', '"args" must be a JSON object');
    return { kind: 'request', request: readArgs(id, command, args) };
  } catch (error) {
    if (error instanceof Refused) return { kind: 'refused', id, refusal: error.refusal, fatal: false };
    throw error;
  }
}

function fatal(message: string): ParsedRequest {
  return {
    kind: 'refused',
    id: null,
    refusal: { code: 'F2N_ERR_CONTROL_BAD_REQUEST', message },
    fatal: true,
  };
}
