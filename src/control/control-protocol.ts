// The wire format of the control socket: one JSON object per line in each direction. A request is
// {"id": n, "command": "...", "args": {...}}; its response carries the same id and either
// {"ok": true, "result": ...} or {"ok": false, "error": {"code": "F2N_ERR_...", "message": "..."}}.
// Types only, plus the limits both ends agree on; parsing is in parse-control-request.ts.
import type {
  BanResultView,
  BannedView,
  JailStatusView,
  ReloadView,
  UnbanResultView,
} from './control-handler.js';

/** A request line longer than this is refused and its connection closed (no resynchronising a stream). */
export const maxRequestBytes = 1024 * 1024;

export const controlCommands = [
  'ping',
  'version',
  'status',
  'ban',
  'unban',
  'banned',
  'reload',
  'stop',
] as const;

export type ControlCommand = (typeof controlCommands)[number];

type NoArgs = Readonly<Record<string, never>>;

export interface ControlArgs {
  readonly ping: NoArgs;
  readonly version: NoArgs;
  readonly status: { readonly jail?: string };
  readonly ban: { readonly jail: string; readonly addresses: readonly string[] };
  readonly unban: { readonly addresses: readonly string[] | 'all'; readonly jail?: string };
  readonly banned: { readonly jail?: string };
  readonly reload: NoArgs;
  readonly stop: NoArgs;
}

export interface ServerStatusView {
  /** Sorted by name. */
  readonly jails: readonly string[];
}

export interface ControlResults {
  readonly ping: 'pong';
  readonly version: string;
  readonly status: ServerStatusView | JailStatusView;
  readonly ban: readonly BanResultView[];
  readonly unban: UnbanResultView;
  readonly banned: readonly BannedView[];
  readonly reload: ReloadView;
  readonly stop: null;
}

export type ControlRequest = {
  readonly [C in ControlCommand]: { readonly id: number; readonly command: C; readonly args: ControlArgs[C] };
}[ControlCommand];

export interface ControlErrorBody {
  readonly code: string;
  readonly message: string;
}

/** `id` is null when the request could not be read far enough to know it. */
export type ControlResponse =
  | { readonly id: number | null; readonly ok: true; readonly result: unknown }
  | { readonly id: number | null; readonly ok: false; readonly error: ControlErrorBody };

export function encodeResponse(response: ControlResponse): string {
  return JSON.stringify(response) + '\n';
}
