// A problem found while loading configuration: always with the file and line it comes from.
import { Fail2nftError } from '../core/errors.js';
import type { ErrorCode } from '../core/error-codes.js';

export type ProblemSeverity = 'error' | 'warning';

export interface ConfigProblem {
  readonly severity: ProblemSeverity;
  readonly code: ErrorCode;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

/** Collects problems while loading; loading never stops at the first one. */
export class ProblemList {
  readonly items: ConfigProblem[] = [];

  error(code: ErrorCode, at: SourceRef, message: string): void {
    this.items.push({ severity: 'error', code, file: at.file, line: at.line, message });
  }

  warning(code: ErrorCode, at: SourceRef, message: string): void {
    this.items.push({ severity: 'warning', code, file: at.file, line: at.line, message });
  }

  /** Records a thrown Fail2nftError; anything else is a bug and is rethrown. */
  capture(error: unknown, fallback: SourceRef): void {
    if (!(error instanceof Fail2nftError)) throw error;
    const at = {
      file: error.details.file ?? fallback.file,
      line: error.details.line ?? fallback.line,
    };
    this.error(error.code, at, error.message);
  }

  get errors(): readonly ConfigProblem[] {
    return this.items.filter((p) => p.severity === 'error');
  }

  get warnings(): readonly ConfigProblem[] {
    return this.items.filter((p) => p.severity === 'warning');
  }
}

export function formatProblem(problem: ConfigProblem): string {
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}: ${tag}${problem.message}`;
}
