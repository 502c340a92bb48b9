// The one error class: a registered code, structured details and an optional cause.
import { errorCodes, type ErrorCode } from './error-codes.js';

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
}

export type ErrorDetails = Readonly<Record<string, unknown>> & {
  readonly file?: string;
  readonly line?: number;
};

export class Fail2nftError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message?: string, details: ErrorDetails = {}, cause?: unknown) {
    super(message ?? errorCodes[code].message, cause === undefined ? undefined : { cause });
    this.name = 'Fail2nftError';
    this.code = code;
    this.details = details;
  }

  /** `FILE:LINE: message` when the error has a position, else the bare message. */
  describe(): string {
    const { file, line } = this.details;
    if (file !== undefined) return `${file}:${line ?? 0}: ${this.message}`;
    return this.message;
  }
}

/** Thrown when several independent problems were found at once (config loading collects them all). */
export class Fail2nftAggregateError extends Error {
  readonly errors: readonly Fail2nftError[];

  constructor(errors: readonly Fail2nftError[]) {
    super(`${errors.length} problem(s):\n${errors.map((e) => e.describe()).join('\n')}`);
    this.name = 'Fail2nftAggregateError';
    this.errors = errors;
  }
}
