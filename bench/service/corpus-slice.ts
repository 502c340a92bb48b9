// The part of a corpus the benchmark appends: its first N whole lines (or all of it), as one buffer.
// Pure: the caller reads the file.

export interface CorpusSlice {
  readonly bytes: Buffer;
  readonly lines: number;
}

const NEWLINE = 0x0a;

/** The first `maxLines` lines of `corpus` (all when undefined); a last line without newline gets one. */
export function sliceCorpus(corpus: Buffer, maxLines: number | undefined): CorpusSlice {
  let lines = 0;
  let end = 0;
  const limit = maxLines ?? Number.POSITIVE_INFINITY;
  // Bounded by the buffer: each step moves past one newline.
  while (lines < limit && end < corpus.length) {
    const at = corpus.indexOf(NEWLINE, end);
    if (at < 0) {
      const bytes = Buffer.concat([corpus.subarray(0), Buffer.from('\n')]);
      return { bytes, lines: lines + 1 };
    }
    end = at + 1;
    lines++;
  }
  return { bytes: corpus.subarray(0, end), lines };
}

function isAddressByte(byte: number | undefined): boolean {
  return byte !== undefined && /[0-9a-fA-F.:]/.test(String.fromCharCode(byte));
}

/** The marker addresses that occur in the slice (the benchmark refuses such a corpus). */
export function markerAddressesIn(slice: CorpusSlice, addresses: readonly string[]): string[] {
  return addresses.filter((address) => {
    // A hit must not be part of a longer address (100.64.0.1 inside 100.64.0.17 or 2100.64.0.1).
    for (let at = slice.bytes.indexOf(address); at >= 0; at = slice.bytes.indexOf(address, at + 1)) {
      if (!isAddressByte(slice.bytes[at - 1]) && !isAddressByte(slice.bytes[at + address.length]))
        return true;
    }
    return false;
  });
}
