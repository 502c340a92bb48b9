// Small numeric helpers of the benchmark report. Pure.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

export function rate(lines: number, seconds: number): number {
  return seconds > 0 ? lines / seconds : Number.POSITIVE_INFINITY;
}

/** 1234567 → "1.23M", 45678 → "45.7k". */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(0);
}
