// An RFC 5322 message for `sendmail -t -i`: From/To/Subject/Date headers, a UTF-8 plain text body.
// Header values never contain a line break (so no header can be added by any value), a non-ASCII
// subject is RFC 2047 encoded, and body lines are cleaned of control characters and kept under
// the 998-octet line limit. Pure.

export interface MailMessage {
  /** `Name <address>` or a bare address; no From header when absent (sendmail fills it in). */
  readonly from?: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly dateMs: number;
  readonly body: string;
}

const MAX_BODY_LINE = 990;
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** RFC 5322 date in UTC: `Sat, 21 Nov 2026 10:11:12 +0000`. */
export function formatMailDate(ms: number): string {
  const d = new Date(ms);
  return (
    `${weekdays[d.getUTCDay()] ?? ''}, ${d.getUTCDate()} ${months[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/** One header value: line breaks and other controls become spaces. */
export function headerValue(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** RFC 2047 B-encoding for a subject that is not plain ASCII. */
export function encodeSubject(text: string): string {
  const clean = headerValue(text);
  if (/^[\u0020-\u007e]*$/.test(clean)) return clean;
  // Encoded words stay short; split on whole characters so none is cut in half.
  const words: string[] = [];
  let chunk = '';
  for (const char of clean) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join('\n ');
}

/** Body text: LF line ends, no control characters but tab, no line over the limit. */
export function cleanBody(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      // eslint-disable-next-line no-control-regex
      const clean = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
      return clean.length > MAX_BODY_LINE ? `${clean.slice(0, MAX_BODY_LINE)}...` : clean;
    })
    .join('\n');
}

export function composeMailMessage(message: MailMessage): string {
  const headers = [
    ...(message.from === undefined ? [] : [`From: ${headerValue(message.from)}`]),
    `To: ${message.to.map(headerValue).join(', ')}`,
    `Subject: ${encodeSubject(message.subject)}`,
    `Date: ${formatMailDate(message.dateMs)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    'Auto-Submitted: auto-generated',
  ];
  const body = cleanBody(message.body);
  return `${headers.join('\n')}\n\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}
