// The contract between the control socket and the service: what the control commands may ask and what
// they get back. The service implements it; the control server validates every request (command, jail
// name shape, addresses in canonical text) before it reaches these methods.

export interface JailStatusView {
  readonly jail: string;
  readonly failed: { readonly current: number; readonly total: number };
  readonly banned: { readonly current: number; readonly total: number; readonly list: readonly string[] };
  readonly files: readonly string[];
}

export type BanResult = 'banned' | 'already-banned' | 'invalid' | 'unknown-jail';

export interface BanResultView {
  readonly address: string;
  readonly result: BanResult;
  /** End of the ban in epoch milliseconds; null for a permanent ban; absent when not banned. */
  readonly until?: number | null;
}

export interface UnbanResultView {
  readonly unbanned: readonly { readonly jail: string; readonly address: string }[];
  readonly notBanned: readonly string[];
  readonly invalid: readonly string[];
}

export interface BannedView {
  readonly jail: string;
  readonly address: string;
  readonly startMs: number;
  /** null = permanent. */
  readonly endMs: number | null;
}

export interface ReloadView {
  readonly jails: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface ControlHandler {
  /** Names of the running jails. */
  jails(): string[];
  /** Undefined when the jail does not exist. */
  status(jail: string): JailStatusView | undefined;
  ban(jail: string, addresses: readonly string[]): Promise<BanResultView[]>;
  /** In every jail, or only in `jail`; 'all' lifts every ban (of the jail). */
  unban(addresses: readonly string[] | 'all', jail?: string): Promise<UnbanResultView>;
  /** Active bans of every jail, or of one. */
  banned(jail?: string): BannedView[];
  reload(): Promise<ReloadView>;
  /** Resolves when stopping began. The server calls it only after its reply to `stop` was sent. */
  stop(): Promise<void>;
  version(): string;
}
