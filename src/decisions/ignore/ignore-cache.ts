// fail2ban's ignorecache: results of ignorecommand by a rendered key, at most maxCount of them, each
// for maxTime. When full, the oldest entries are dropped first (insertion order), expired ones and
// then as many as needed for one free place. Times are passed in (the stage reads its clock).

export interface IgnoreCacheOptions {
  readonly maxCount: number;
  /** Seconds. */
  readonly maxTime: number;
}

interface Entry {
  readonly ignored: boolean;
  readonly expiresMs: number;
}

export class IgnoreCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxCount: number;
  private readonly maxTimeMs: number;

  constructor(options: IgnoreCacheOptions) {
    this.maxCount = Math.max(1, Math.floor(options.maxCount));
    this.maxTimeMs = options.maxTime * 1000;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, nowMs: number): boolean | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresMs > nowMs) return entry.ignored;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, ignored: boolean, nowMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxCount) {
      for (const [oldKey, entry] of this.entries) {
        this.entries.delete(oldKey);
        if (entry.expiresMs > nowMs && this.entries.size < this.maxCount) break;
      }
    }
    this.entries.set(key, { ignored, expiresMs: nowMs + this.maxTimeMs });
  }
}
