/**
 * Pod log text for display: ANSI escapes stripped, split into lines, and the RFC 3339 timestamps that
 * `kubectl logs --timestamps` (the `timestamps=true` log option) puts before each line parsed out.
 */
import stripAnsiCodes from 'strip-ansi';
import { z } from 'zod';

export const DEFAULT_TAIL_LINES = 100;
export const MAX_TAIL_LINES = 10000;

export const LogLineSchema = z.object({
  /** The line without its timestamp prefix and without ANSI escapes. */
  text: z.string(),
  /** The timestamp exactly as the kubelet wrote it (nanosecond precision), when requested and present. */
  timestamp: z.string().optional(),
  /** The same instant in milliseconds since the epoch. */
  timeMs: z.number().optional(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export function stripAnsi(text: string): string {
  return stripAnsiCodes(text);
}

/**
 * `tailLines` for a log request: whole numbers from 1 to 10,000; anything missing or not a number gets the
 * default of 100. Strings are accepted because the value usually comes from a URL or an input field.
 */
export function clampTailLines(
  value: number | string | null | undefined,
  fallback = DEFAULT_TAIL_LINES
): number {
  const number =
    typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : value ?? NaN;
  if (!Number.isFinite(number)) return clampTailLines(fallback, DEFAULT_TAIL_LINES);
  return Math.min(MAX_TAIL_LINES, Math.max(1, Math.floor(number)));
}

const TIMESTAMP_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) ?/;

/** Milliseconds for an RFC 3339 timestamp; the fraction beyond milliseconds is dropped, not rounded. */
function rfc3339ToMillis(timestamp: string): number | undefined {
  const trimmed = timestamp.replace(/(\.\d{3})\d+/, '$1');
  const millis = Date.parse(trimmed);
  return Number.isNaN(millis) ? undefined : millis;
}

/**
 * A terminal overwrites a line on carriage return, so progress bars (model downloads) arrive as many
 * updates separated by `\r`; only the last one is what a terminal would show.
 */
function lastCarriageReturnSegment(line: string): string {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  const index = trimmed.lastIndexOf('\r');
  return index === -1 ? trimmed : trimmed.slice(index + 1);
}

export interface SplitLogOptions {
  /** The log was fetched with timestamps: parse the leading RFC 3339 timestamp off each line. */
  timestamps?: boolean;
}

/** Splits log text into display lines (ANSI stripped); a trailing newline does not make an empty last line. */
export function splitLogLines(text: string, options: SplitLogOptions = {}): LogLine[] {
  if (!text) return [];
  const lines = stripAnsi(text).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((rawLine): LogLine => {
    if (options.timestamps) {
      const match = TIMESTAMP_PREFIX.exec(rawLine);
      if (match?.[1]) {
        const line: LogLine = {
          text: lastCarriageReturnSegment(rawLine.slice(match[0].length)),
          timestamp: match[1],
        };
        const millis = rfc3339ToMillis(match[1]);
        if (millis !== undefined) line.timeMs = millis;
        return line;
      }
    }
    return { text: lastCarriageReturnSegment(rawLine) };
  });
}

/** Most lines a followed log keeps; older ones are dropped so a chatty pod cannot grow memory without end. */
export const MAX_KEPT_LINES = 10000;

/**
 * Log text that arrives in chunks (a followed stream): chunks split lines anywhere, even inside an ANSI
 * escape or a multi-byte character, so only complete lines are parsed and the unfinished rest waits for the
 * next chunk. Keeps at most `maxLines` of the newest lines and counts how many were dropped.
 */
export class LogTail {
  private kept: LogLine[] = [];
  private partial = '';
  private droppedCount = 0;

  private readonly maxLines: number;

  constructor(private readonly options: SplitLogOptions & { maxLines?: number } = {}) {
    this.maxLines = Math.max(1, Math.floor(options.maxLines ?? MAX_KEPT_LINES));
  }

  /** Adds a chunk of text; returns true when it completed at least one line. */
  push(chunk: string): boolean {
    const text = this.partial + chunk;
    const end = text.lastIndexOf('\n');
    if (end === -1) {
      this.partial = text;
      return false;
    }
    this.partial = text.slice(end + 1);
    this.append(splitLogLines(text.slice(0, end + 1), this.options));
    return true;
  }

  /** The stream ended: a last line without a newline is complete now. Returns true if it added one. */
  end(): boolean {
    if (!this.partial) return false;
    const rest = this.partial;
    this.partial = '';
    this.append(splitLogLines(rest, this.options));
    return true;
  }

  /** The kept lines, oldest first (a new array each time, safe to hand to React state). */
  lines(): LogLine[] {
    return this.kept.slice();
  }

  /** Lines dropped from the front because more than `maxLines` arrived. */
  get dropped(): number {
    return this.droppedCount;
  }

  private append(lines: LogLine[]) {
    for (const line of lines) this.kept.push(line);
    const excess = this.kept.length - this.maxLines;
    if (excess > 0) {
      this.kept.splice(0, excess);
      this.droppedCount += excess;
    }
  }
}
