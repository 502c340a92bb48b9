// When each source's lines were read, for ban latency (line read → ban committed). Kept per source as
// a short list of (last line of a chunk, time read), trimmed as the pipeline finishes lines, so its
// size is bounded by the chunks in flight.
interface Mark {
  readonly lastLine: number;
  readonly atMs: number;
}

export class ReadTimes {
  private readonly marks = new Map<string, Mark[]>();
  private readonly lines = new Map<string, number>();

  /** A chunk of `lines` lines of the source was read at `atMs`. */
  note(sourceId: string, lines: number, atMs: number): void {
    const lastLine = (this.lines.get(sourceId) ?? 0) + lines;
    this.lines.set(sourceId, lastLine);
    let marks = this.marks.get(sourceId);
    if (marks === undefined) {
      marks = [];
      this.marks.set(sourceId, marks);
    }
    marks.push({ lastLine, atMs });
  }

  /** When `line` (1-based) of the source was read; undefined for lines not noted (ban notices). */
  at(sourceId: string, line: number): number | undefined {
    const marks = this.marks.get(sourceId);
    if (marks === undefined) return undefined;
    for (const mark of marks) if (mark.lastLine >= line) return mark.atMs;
    return undefined;
  }

  /** Lines up to `line` are finished: their marks are no longer needed. */
  forget(sourceId: string, line: number): void {
    const marks = this.marks.get(sourceId);
    if (marks === undefined) return;
    let count = 0;
    while (count < marks.length && (marks[count]?.lastLine ?? Infinity) <= line) count++;
    if (count > 0) marks.splice(0, count);
  }

  /** Forgets everything (a new match engine numbers lines from 1). */
  reset(): void {
    this.marks.clear();
    this.lines.clear();
  }
}
