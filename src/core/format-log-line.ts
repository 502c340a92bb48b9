// Turns one of the logger's JSON lines into a line for a person at a terminal:
// `14:03:07.123 INFO  [decisions] Ban 203.0.113.5 jail=postfix-sasl bantime=600`. Pure.
const hidden = new Set(['level', 'time', 'msg', 'pid', 'name', 'stage']);

function valueText(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value !== null && typeof value === 'object') {
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string') return JSON.stringify(message);
    return JSON.stringify(value);
  }
  return String(value);
}

export function formatLogLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const time = typeof record.time === 'string' ? record.time.slice(11, 23) : '';
  const level = (typeof record.level === 'string' ? record.level : 'info').toUpperCase().padEnd(5);
  const stage = typeof record.stage === 'string' ? ` [${record.stage}]` : '';
  const message = typeof record.msg === 'string' ? ` ${record.msg}` : '';
  const fields = Object.entries(record)
    .filter(([key]) => !hidden.has(key))
    .map(([key, value]) => ` ${key}=${valueText(value)}`)
    .join('');
  return `${time} ${level}${stage}${message}${fields}\n`;
}
