/**
 * Structured JSON logs (pino). Credentials never reach a log line: the request headers that carry
 * them are redacted wherever they appear, and the request logger records only method, path, status
 * and duration.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-hf-token"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-hf-token"]',
  'headers.cookie',
  'authorization',
  'cookie',
  '["x-hf-token"]',
  'token',
  'accessToken',
  'hfToken',
  '*.authorization',
  '*["x-hf-token"]',
  '*.cookie',
  '*.token',
  '*.accessToken',
  '*.hfToken',
];

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'airunway-proxy' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
