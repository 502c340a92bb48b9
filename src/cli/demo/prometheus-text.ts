// Just enough of the Prometheus text format to show a few of the service's metrics: samples with their
// labels, and quantiles estimated from a histogram's cumulative buckets the way histogram_quantile does.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const sampleLine = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"/g;

function unescapeLabel(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = sampleLine.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(labelPair))
      labels[pair[1] ?? ''] = unescapeLabel(pair[2] ?? '');
    samples.push({ name: match[1] ?? '', labels, value: parseValue(match[3] ?? 'NaN') });
  }
  return samples;
}

export interface Bucket {
  /** Upper bound (`le`). */
  readonly le: number;
  /** Cumulative count. */
  readonly count: number;
}

/**
 * The q-quantile, interpolated linearly inside the bucket where it falls (as Prometheus does); the
 * highest finite bound when it falls in +Inf; undefined without observations.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      return inBucket === 0
        ? bucket.le
        : lowerBound + ((bucket.le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}

/** The buckets of one histogram series: `name`_bucket samples whose other labels equal `labels`. */
export function bucketsOf(
  samples: readonly Sample[],
  name: string,
  labels: Readonly<Record<string, string>>,
): Bucket[] {
  const wanted = Object.entries(labels);
  return samples
    .filter(
      (sample) =>
        sample.name === `${name}_bucket` &&
        sample.labels.le !== undefined &&
        wanted.every(([key, value]) => sample.labels[key] === value),
    )
    .map((sample) => ({ le: parseValue(sample.labels.le ?? '+Inf'), count: sample.value }));
}
