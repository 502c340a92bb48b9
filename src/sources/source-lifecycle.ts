// The life of a log source, shared by every implementation: new → running → stopping → ended, started
// once, stoppable before it started, ended exactly once with the reason its supervisor reads.
import { Fail2nftError } from '../core/errors.js';
import type { SourceEnd } from './log-source.js';

export type SourceState = 'new' | 'running' | 'stopping' | 'ended';

export class SourceLifecycle {
  state: SourceState = 'new';
  /** Resolves once, when the source has ended; never rejects. */
  readonly ended: Promise<SourceEnd>;
  private resolveEnd: (end: SourceEnd) => void = () => undefined;

  constructor(private readonly id: string) {
    this.ended = new Promise((resolve) => (this.resolveEnd = resolve));
  }

  /** Marks the start; a second start is a programming error. */
  begin(): void {
    if (this.state !== 'new') throw new Fail2nftError('F2N_ERR_INTERNAL', `${this.id}: started twice`);
    this.state = 'running';
  }

  /** Ends a source with nothing to tear down (start failed before anything ran). */
  endNow(end: SourceEnd): void {
    this.state = 'ended';
    this.resolveEnd(end);
  }

  /** stop(): a source that never started ends at once; otherwise it shuts down. */
  async stop(teardown: () => Promise<void>): Promise<void> {
    if (this.state === 'new') {
      this.endNow({ reason: 'stopped' });
      return;
    }
    await this.shutdown({ reason: 'stopped' }, teardown);
  }

  /** Tears down once; later calls wait for the first shutdown to finish. */
  async shutdown(end: SourceEnd, teardown: () => Promise<void>): Promise<void> {
    if (this.state === 'stopping' || this.state === 'ended') {
      await this.ended;
      return;
    }
    this.state = 'stopping';
    await teardown();
    this.endNow(end);
  }
}
