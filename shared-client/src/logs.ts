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
