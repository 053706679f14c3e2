import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampTailLines,
  DEFAULT_TAIL_LINES,
  LogLineSchema,
  LogTail,
  MAX_TAIL_LINES,
  splitLogLines,
  stripAnsi,
} from './logs';

const ESC = '\u001b';
// Characters that make log text interesting: line breaks, escapes and the pieces of timestamps.
const logCharacter = fc.constantFrom(
  'a',
  ' ',
  '\n',
  '\r',
  ESC,
  '[',
  '3',
  '1',
  'm',
  '2',
  '0',
  '-',
  ':',
  'T',
  'Z',
  '.'
);

describe('stripAnsi', () => {
  it('removes colour and cursor escapes, keeping the text', () => {
    expect(stripAnsi(`${ESC}[32mINFO${ESC}[0m Model loaded`)).toBe('INFO Model loaded');
    expect(stripAnsi(`${ESC}[1;31mERROR${ESC}[39;49m ${ESC}[2K${ESC}[1Gdone`)).toBe('ERROR done');
    expect(stripAnsi('plain')).toBe('plain');
  });

  it('leaves no escape character behind in typical coloured output', () => {
    const coloured = fc.tuple(
      fc.constantFrom('0', '1', '31', '32;1', '38;5;208'),
      fc.string().filter(s => !s.includes(ESC))
    );
    fc.assert(
      fc.property(fc.array(coloured), parts => {
        const text = parts.map(([code, word]) => `${ESC}[${code}m${word}`).join('');
        expect(stripAnsi(text)).toBe(parts.map(([, word]) => word).join(''));
      })
    );
  });
});

describe('splitLogLines', () => {
  it('splits lines without a trailing empty line, and strips ANSI', () => {
    expect(
      splitLogLines(`${ESC}[32mINFO${ESC}[0m Model loaded\n[INFO] Server started on port 8000\n`)
    ).toEqual([{ text: 'INFO Model loaded' }, { text: '[INFO] Server started on port 8000' }]);
    expect(splitLogLines('')).toEqual([]);
    expect(splitLogLines('\n')).toEqual([{ text: '' }]);
  });

  it('handles Windows line endings and carriage-return progress bars', () => {
    expect(splitLogLines('a\r\nb\r\n')).toEqual([{ text: 'a' }, { text: 'b' }]);
    expect(splitLogLines('Downloading: 10%\rDownloading: 55%\rDownloading: 100%\nready')).toEqual([
      { text: 'Downloading: 100%' },
      { text: 'ready' },
    ]);
  });

  it('parses the RFC 3339 timestamps that --timestamps adds', () => {
    const lines = splitLogLines(
      '2025-01-15T10:30:00.123456789Z INFO: Started server process\n2025-01-15T10:30:01+02:00 second\nno timestamp here\n',
      { timestamps: true }
    );
    expect(lines).toEqual([
      {
        text: 'INFO: Started server process',
        timestamp: '2025-01-15T10:30:00.123456789Z',
        timeMs: Date.parse('2025-01-15T10:30:00.123Z'),
      },
      {
        text: 'second',
        timestamp: '2025-01-15T10:30:01+02:00',
        timeMs: Date.parse('2025-01-15T08:30:01Z'),
      },
      { text: 'no timestamp here' },
    ]);
  });

  it('leaves timestamps in the text when not asked to parse them', () => {
    expect(splitLogLines('2025-01-15T10:30:00Z hello')).toEqual([
      { text: '2025-01-15T10:30:00Z hello' },
    ]);
  });

  it('yields one well-formed line per newline for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: logCharacter }), fc.boolean(), (text, timestamps) => {
        const lines = splitLogLines(text, { timestamps });
        for (const line of lines) expect(LogLineSchema.safeParse(line).success).toBe(true);
        const stripped = stripAnsi(text);
        const expected =
          stripped === '' ? 0 : stripped.split('\n').length - (stripped.endsWith('\n') ? 1 : 0);
        expect(lines).toHaveLength(expected);
      })
    );
  });
});

describe('clampTailLines', () => {
  it.each([
    [undefined, DEFAULT_TAIL_LINES],
    [null, DEFAULT_TAIL_LINES],
    ['', DEFAULT_TAIL_LINES],
    ['abc', DEFAULT_TAIL_LINES],
    [Number.NaN, DEFAULT_TAIL_LINES],
    [0, 1],
    [-5, 1],
    [1, 1],
    [250, 250],
    ['250', 250],
    [99.9, 99],
    [10000, 10000],
    [10001, MAX_TAIL_LINES],
    [Infinity, DEFAULT_TAIL_LINES],
  ])('%j → %d', (input, expected) => {
    expect(clampTailLines(input)).toBe(expected);
  });

  it('uses a given fallback, itself clamped', () => {
    expect(clampTailLines(undefined, 500)).toBe(500);
    expect(clampTailLines(undefined, 50000)).toBe(MAX_TAIL_LINES);
  });

  it('always lands in 1..10000', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.string()), value => {
        const tail = clampTailLines(value);
        expect(Number.isInteger(tail)).toBe(true);
        expect(tail).toBeGreaterThanOrEqual(1);
        expect(tail).toBeLessThanOrEqual(MAX_TAIL_LINES);
      })
    );
  });
});

describe('LogTail', () => {
  it('parses only complete lines and keeps the unfinished rest for the next chunk', () => {
    const tail = new LogTail();
    expect(tail.push('first li')).toBe(false);
    expect(tail.lines()).toEqual([]);
    expect(tail.push('ne\nsecond')).toBe(true);
    expect(tail.lines()).toEqual([{ text: 'first line' }]);
    expect(tail.push(' line\n')).toBe(true);
    expect(tail.lines()).toEqual([{ text: 'first line' }, { text: 'second line' }]);
    expect(tail.end()).toBe(false);
  });

  it('strips an ANSI escape that a chunk boundary cut in two', () => {
    const tail = new LogTail();
    tail.push(`${ESC}[3`);
    tail.push(`2mINFO${ESC}[0m ready\n`);
    expect(tail.lines()).toEqual([{ text: 'INFO ready' }]);
  });

  it('completes a last line without newline when the stream ends', () => {
    const tail = new LogTail({ timestamps: true });
    tail.push('2025-01-15T10:30:00Z one\n2025-01-15T10:30:01Z two');
    expect(tail.end()).toBe(true);
    expect(tail.lines().map(line => [line.timestamp, line.text])).toEqual([
      ['2025-01-15T10:30:00Z', 'one'],
      ['2025-01-15T10:30:01Z', 'two'],
    ]);
  });

  it('keeps only the newest lines and counts the dropped ones', () => {
    const tail = new LogTail({ maxLines: 3 });
    for (let i = 1; i <= 5; i++) tail.push(`line ${i}\n`);
    expect(tail.lines().map(line => line.text)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(tail.dropped).toBe(2);
    expect(new LogTail().push('x\n')).toBe(true);
  });

  it('gives the same lines however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: logCharacter }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (text, cuts) => {
          const whole = new LogTail();
          whole.push(text);
          whole.end();
          const chunked = new LogTail();
          const points = [...new Set(cuts.map(cut => cut % (text.length + 1)))].sort(
            (a, b) => a - b
          );
          let start = 0;
          for (const point of points) {
            chunked.push(text.slice(start, point));
            start = point;
          }
          chunked.push(text.slice(start));
          chunked.end();
          // ANSI stripping is per line, so the cut never matters.
          expect(chunked.lines()).toEqual(whole.lines());
        }
      )
    );
  });

  it('never keeps more than its bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: logCharacter })),
        fc.integer({ min: 1, max: 5 }),
        (chunks, max) => {
          const tail = new LogTail({ maxLines: max });
          for (const chunk of chunks) tail.push(chunk);
          tail.end();
          expect(tail.lines().length).toBeLessThanOrEqual(max);
        }
      )
    );
  });
});
