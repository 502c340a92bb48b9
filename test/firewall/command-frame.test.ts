import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeFrameHead,
  FrameDecoder,
  framePrefixBytes,
  maxFrameHeaderBytes,
  type FrameSink,
} from '../../src/firewall/command-frame.js';

interface Decoded {
  header: unknown;
  bodyLength: number;
  body: Buffer;
  slices: number;
}

function collecting(): { frames: Decoded[]; sink: FrameSink } {
  const frames: Decoded[] = [];
  let parts: Buffer[] = [];
  let current: { header: unknown; bodyLength: number } | undefined;
  return {
    frames,
    sink: {
      head(header, bodyLength) {
        assert.equal(current, undefined, 'a head before the previous frame ended');
        current = { header, bodyLength };
        parts = [];
      },
      body(slice) {
        assert.ok(current !== undefined, 'a body slice outside a frame');
        assert.ok(slice.length > 0);
        parts.push(slice);
      },
      end() {
        assert.ok(current !== undefined, 'an end outside a frame');
        frames.push({ ...current, body: Buffer.concat(parts), slices: parts.length });
        current = undefined;
      },
    },
  };
}

function frame(header: object, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([encodeFrameHead(header, bytes.length), bytes]);
}

const stream = Buffer.concat([
  frame({ id: 0, argv: ['nft', '-f', '-'] }, 'add element inet f2n s { 192.0.2.1 }\n'),
  frame({ id: 1, note: 'empty body, non-ASCII header: é✓' }, ''),
  frame({ id: 2 }, 'ünïcode body ✓'),
]);

test('frames come back with their headers and bodies, in order', () => {
  const { frames, sink } = collecting();
  assert.equal(new FrameDecoder(sink).push(stream), undefined);
  assert.deepEqual(
    frames.map((f) => [f.header, f.body.toString('utf8')]),
    [
      [{ id: 0, argv: ['nft', '-f', '-'] }, 'add element inet f2n s { 192.0.2.1 }\n'],
      [{ id: 1, note: 'empty body, non-ASCII header: é✓' }, ''],
      [{ id: 2 }, 'ünïcode body ✓'],
    ],
  );
  assert.deepEqual(
    frames.map((f) => f.bodyLength),
    [37, 0, Buffer.byteLength('ünïcode body ✓')],
  );
});

test('a stream cut at any byte, or fed one byte at a time, decodes the same', () => {
  for (let cut = 0; cut <= stream.length; cut++) {
    const { frames, sink } = collecting();
    const decoder = new FrameDecoder(sink);
    assert.equal(decoder.push(stream.subarray(0, cut)), undefined);
    assert.equal(decoder.push(stream.subarray(cut)), undefined);
    assert.equal(frames.length, 3, `cut at ${cut}`);
    assert.equal(frames[2]!.body.toString('utf8'), 'ünïcode body ✓');
  }
  const { frames, sink } = collecting();
  const decoder = new FrameDecoder(sink);
  for (let i = 0; i < stream.length; i++) decoder.push(stream.subarray(i, i + 1));
  assert.deepEqual(
    frames.map((f) => f.header),
    [{ id: 0, argv: ['nft', '-f', '-'] }, { id: 1, note: 'empty body, non-ASCII header: é✓' }, { id: 2 }],
  );
});

test('a body is handed on in the slices it arrived in, without a copy', () => {
  const body = Buffer.alloc(3 * 65536, 'x');
  const chunks = [encodeFrameHead({ id: 7 }, body.length), body.subarray(0, 65536), body.subarray(65536)];
  const slices: Buffer[] = [];
  const decoder = new FrameDecoder({
    head: () => undefined,
    body: (s) => slices.push(s),
    end: () => undefined,
  });
  for (const chunk of chunks) decoder.push(chunk);
  assert.equal(slices.length, 2);
  assert.equal(slices[0]!.buffer, body.buffer, 'the slice shares the memory of the chunk');
  assert.equal(slices[1]!.length, 2 * 65536);
});

test('a header length of zero or beyond the limit is a corrupt stream, and decoding stops', () => {
  for (const length of [0, maxFrameHeaderBytes + 1]) {
    const prefix = Buffer.alloc(framePrefixBytes);
    prefix.writeUInt32BE(length, 0);
    const { frames, sink } = collecting();
    const decoder = new FrameDecoder(sink);
    assert.match(decoder.push(prefix) ?? '', /header length out of range/);
    assert.equal(decoder.push(frame({ id: 1 }, 'x')), decoder.problem);
    assert.equal(frames.length, 0);
  }
});

test('a header that is not JSON is a corrupt stream', () => {
  const prefix = Buffer.alloc(framePrefixBytes);
  prefix.writeUInt32BE(3, 0);
  const decoder = new FrameDecoder(collecting().sink);
  assert.equal(decoder.push(Buffer.concat([prefix, Buffer.from('{x}')])), 'frame header is not JSON');
});

test('encoding refuses body lengths a uint32 cannot carry', () => {
  assert.throws(() => encodeFrameHead({}, -1), RangeError);
  assert.throws(() => encodeFrameHead({}, 2 ** 32), RangeError);
  assert.throws(() => encodeFrameHead({}, 1.5), RangeError);
  assert.equal(encodeFrameHead({}, 2 ** 32 - 1).readUInt32BE(4), 2 ** 32 - 1);
});
