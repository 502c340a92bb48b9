// The framing between the service and its command-runner helper process: each frame is an 8-byte
// prefix (JSON header length, body length; both uint32 big-endian), the JSON header, then the raw body.
// The body is never JSON-escaped: a reconcile script of tens of MB travels as bytes and is handed on
// in the slices it arrived in, so neither side copies it whole. Pure: imports nothing, so the helper
// that loads it stays small.

export const framePrefixBytes = 8;
/** Headers carry an id, an argv or an exit code; anything bigger is a corrupt stream. */
export const maxFrameHeaderBytes = 1024 * 1024;
const maxUint32 = 0xffff_ffff;

/** The prefix and header of a frame; the caller writes the body bytes after it. */
export function encodeFrameHead(header: object, bodyLength: number): Buffer {
  if (!Number.isInteger(bodyLength) || bodyLength < 0 || bodyLength > maxUint32)
    throw new RangeError(`frame body length out of range: ${bodyLength}`);
  const json = JSON.stringify(header);
  const headerLength = Buffer.byteLength(json, 'utf8');
  if (headerLength > maxFrameHeaderBytes)
    throw new RangeError(`frame header too long: ${headerLength} bytes`);
  const head = Buffer.allocUnsafe(framePrefixBytes + headerLength);
  head.writeUInt32BE(headerLength, 0);
  head.writeUInt32BE(bodyLength, 4);
  head.write(json, framePrefixBytes, 'utf8');
  return head;
}

/** Receives the frames of a stream, the body in the slices it arrived in (empty bodies get no slice). */
export interface FrameSink {
  head(header: unknown, bodyLength: number): void;
  body(slice: Buffer): void;
  end(): void;
}

/** Cuts a byte stream into frames. After a problem (a corrupt stream) it ignores all further input. */
export class FrameDecoder {
  private readonly sink: FrameSink;
  private headParts: Buffer[] = [];
  private headLength = 0;
  private headerLength: number | undefined;
  private bodyLength = 0;
  private bodyLeft = 0;
  private failure: string | undefined;

  constructor(sink: FrameSink) {
    this.sink = sink;
  }

  /** The problem that stopped decoding, if any. */
  get problem(): string | undefined {
    return this.failure;
  }

  /** Feeds bytes; returns a description of the problem when the stream is corrupt. */
  push(chunk: Buffer): string | undefined {
    let offset = 0;
    // Every pass consumes at least one byte, so the loop ends with the chunk.
    while (this.failure === undefined && offset < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - offset);
        this.bodyLeft -= take;
        this.sink.body(chunk.subarray(offset, offset + take));
        offset += take;
        if (this.bodyLeft === 0) this.sink.end();
        continue;
      }
      const wanted =
        (this.headerLength === undefined ? framePrefixBytes : framePrefixBytes + this.headerLength) -
        this.headLength;
      const take = Math.min(wanted, chunk.length - offset);
      this.headParts.push(chunk.subarray(offset, offset + take));
      this.headLength += take;
      offset += take;
      if (take < wanted) break;
      const head = Buffer.concat(this.headParts, this.headLength);
      if (this.headerLength === undefined) this.readPrefix(head);
      else this.readHeader(head);
    }
    return this.failure;
  }

  private readPrefix(prefix: Buffer): void {
    const headerLength = prefix.readUInt32BE(0);
    if (headerLength === 0 || headerLength > maxFrameHeaderBytes) {
      this.failure = `frame header length out of range: ${headerLength}`;
      return;
    }
    this.headerLength = headerLength;
    this.bodyLength = prefix.readUInt32BE(4);
    this.headParts = [prefix];
  }

  private readHeader(head: Buffer): void {
    let header: unknown;
    try {
      header = JSON.parse(head.toString('utf8', framePrefixBytes));
    } catch {
      this.failure = 'frame header is not JSON';
      return;
    }
    const bodyLength = this.bodyLength;
    this.headParts = [];
    this.headLength = 0;
    this.headerLength = undefined;
    this.bodyLeft = bodyLength;
    this.sink.head(header, bodyLength);
    if (bodyLength === 0) this.sink.end();
  }
}
