import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chatRequestBody,
  completionRequestBody,
  completionText,
  conversationPrompt,
  decodeStream,
  errorBodyMessage,
  interpretEventData,
  isChatTemplateError,
  MAX_TOKENS_LIMIT,
  OpenAiStreamDecoder,
  samplingSettingsSchema,
  type StreamEvent,
} from './openaiStream';

/** A chat stream as vLLM sends it: role first, content pieces (one with an emoji and a newline), finish, usage. */
const CHAT_STREAM = [
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}',
  '',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}',
  '',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":", wörld 🌍"},"finish_reason":null}]}',
  '',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"!\\nBye"},"finish_reason":null}]}',
  '',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  '',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

const CHAT_EVENTS: StreamEvent[] = [
  { type: 'delta', index: 0, content: 'Hello' },
  { type: 'delta', index: 0, content: ', wörld 🌍' },
  { type: 'delta', index: 0, content: '!\nBye' },
  { type: 'finish', index: 0, reason: 'stop' },
  { type: 'usage', promptTokens: 12, completionTokens: 5 },
  { type: 'done' },
];

function decodeInChunks(chunks: string[]): StreamEvent[] {
  const decoder = new OpenAiStreamDecoder();
  const events = chunks.flatMap(chunk => decoder.push(chunk));
  return [...events, ...decoder.end()];
}

/** The text split at the given offsets (sorted, deduplicated). */
function splitAt(text: string, offsets: number[]): string[] {
  const cuts = [...new Set(offsets)].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}

describe('OpenAiStreamDecoder', () => {
  it('decodes a whole chat stream into content pieces, the finish reason, usage and [DONE]', () => {
    expect(decodeStream(CHAT_STREAM)).toEqual(CHAT_EVENTS);
  });

  it('gives the same events whatever single position the stream is cut at', () => {
    for (let cut = 0; cut <= CHAT_STREAM.length; cut++) {
      expect(decodeInChunks(splitAt(CHAT_STREAM, [cut])), `cut at ${cut}`).toEqual(CHAT_EVENTS);
    }
  });

  it('gives the same events when the stream arrives one character at a time', () => {
    expect(decodeInChunks([...CHAT_STREAM])).toEqual(CHAT_EVENTS);
  });

  it('gives the same events with CRLF line ends cut at every position, including between CR and LF', () => {
    const crlf = CHAT_STREAM.replace(/\n/g, '\r\n');
    for (let cut = 0; cut <= crlf.length; cut++) {
      expect(decodeInChunks(splitAt(crlf, [cut])), `cut at ${cut}`).toEqual(CHAT_EVENTS);
    }
    expect(decodeInChunks([...crlf])).toEqual(CHAT_EVENTS);
  });

  it('gives the same events with bare CR line ends', () => {
    const cr = CHAT_STREAM.replace(/\n/g, '\r');
    for (let cut = 0; cut <= cr.length; cut++) {
      expect(decodeInChunks(splitAt(cr, [cut])), `cut at ${cut}`).toEqual(CHAT_EVENTS);
    }
  });

  it('gives the same events for any set of cuts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: CHAT_STREAM.length }), { maxLength: 40 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (cuts, newline) => {
          const text = CHAT_STREAM.replace(/\n/g, newline);
          const scaled = cuts.map(cut => Math.min(cut, text.length));
          expect(decodeInChunks(splitAt(text, scaled))).toEqual(CHAT_EVENTS);
        }
      )
    );
  });

  it('returns each event as soon as its blank line arrives, not before', () => {
    const decoder = new OpenAiStreamDecoder();
    expect(decoder.push('data: {"choices":[{"delta":{"content":"A"}}]}\n')).toEqual([]);
    expect(decoder.push('\n')).toEqual([{ type: 'delta', index: 0, content: 'A' }]);
    expect(decoder.push('data: {"choices":[{"delta":{"con')).toEqual([]);
    expect(decoder.push('tent":"B"}}]}\n\ndata: [DO')).toEqual([
      { type: 'delta', index: 0, content: 'B' },
    ]);
    expect(decoder.done).toBe(false);
    expect(decoder.push('NE]\n\n')).toEqual([{ type: 'done' }]);
    expect(decoder.done).toBe(true);
  });

  it('ignores everything after [DONE]', () => {
    expect(
      decodeStream(
        'data: {"choices":[{"delta":{"content":"x"}}]}\n\ndata: [DONE]\n\ndata: {"choices":[{"delta":{"content":"late"}}]}\n\n'
      )
    ).toEqual([{ type: 'delta', index: 0, content: 'x' }, { type: 'done' }]);
  });

  it('decodes the /v1/completions format (choices[].text)', () => {
    const stream = [
      'data: {"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":" Paris","logprobs":null,"finish_reason":null}]}',
      '',
      'data: {"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":" is the capital.","logprobs":null,"finish_reason":"length"}]}',
      '',
      'data: [DONE]',
      '',
    ].join('\n');
    expect(decodeStream(stream)).toEqual([
      { type: 'delta', index: 0, content: ' Paris' },
      { type: 'delta', index: 0, content: ' is the capital.' },
      { type: 'finish', index: 0, reason: 'length' },
      { type: 'done' },
    ]);
  });

  it('reports an error sent inside the stream, in OpenAI and in vLLM form', () => {
    expect(
      decodeStream(
        'data: {"choices":[{"delta":{"content":"par"}}]}\n\n' +
          'data: {"error":{"message":"CUDA out of memory","type":"InternalServerError","code":500}}\n\n'
      )
    ).toEqual([
      { type: 'delta', index: 0, content: 'par' },
      {
        type: 'error',
        message: 'CUDA out of memory',
        code: 500,
        errorType: 'InternalServerError',
      },
    ]);
    expect(
      decodeStream(
        'data: {"object":"error","message":"max_tokens is too large","type":"BadRequestError","code":400}\n\n'
      )
    ).toEqual([
      {
        type: 'error',
        message: 'max_tokens is too large',
        code: 400,
        errorType: 'BadRequestError',
      },
    ]);
    expect(decodeStream('data: {"error":"overloaded"}\n\n')).toEqual([
      { type: 'error', message: 'overloaded' },
    ]);
    expect(decodeStream('event: error\ndata: upstream closed\n\n')).toEqual([
      { type: 'error', message: 'upstream closed' },
    ]);
  });

  it('reports unreadable events as invalid and goes on with the next ones', () => {
    const events = decodeStream(
      'data: not json\n\ndata: {"unexpected":true}\n\ndata: {"choices":[{"delta":{"content":"ok"}}]}\n\n'
    );
    expect(events.map(event => event.type)).toEqual(['invalid', 'invalid', 'delta']);
    expect(events[0]).toMatchObject({ type: 'invalid', data: 'not json', reason: 'not JSON' });
    expect(events[2]).toEqual({ type: 'delta', index: 0, content: 'ok' });
  });

  it('skips comments, event ids and retry fields; a data field without a space is read too', () => {
    expect(
      decodeStream(
        ': keep-alive\n\nid: 7\nretry: 1000\ndata:{"choices":[{"delta":{"content":"hi"}}]}\n\n:ping\n\n'
      )
    ).toEqual([{ type: 'delta', index: 0, content: 'hi' }]);
  });

  it('joins the data lines of one event, as the SSE standard says', () => {
    expect(decodeStream('data: {"choices":\ndata: [{"delta":{"content":"joined"}}]}\n\n')).toEqual([
      { type: 'delta', index: 0, content: 'joined' },
    ]);
  });

  it('does not take a CRLF split between chunks for two line ends (which would end the event early)', () => {
    const text =
      'data: {"choices":\r\ndata: [{"delta":{"content":"joined"}}]}\r\n\r\ndata: [DONE]\r\n\r\n';
    const expected: StreamEvent[] = [
      { type: 'delta', index: 0, content: 'joined' },
      { type: 'done' },
    ];
    for (let cut = 0; cut <= text.length; cut++) {
      expect(decodeInChunks(splitAt(text, [cut])), `cut at ${cut}`).toEqual(expected);
    }
  });

  it('reads events without blank lines between them, and a last event without a trailing newline', () => {
    expect(
      decodeStream(
        'data: {"choices":[{"delta":{"content":"a"}}]}\ndata: {"choices":[{"delta":{"content":"b"}}]}\ndata: [DONE]'
      )
    ).toEqual([
      { type: 'delta', index: 0, content: 'a' },
      { type: 'delta', index: 0, content: 'b' },
      { type: 'done' },
    ]);
  });

  it('keeps choices apart by index and skips null and empty content', () => {
    expect(
      interpretEventData(
        '{"choices":[{"index":1,"delta":{"content":"second"}},{"index":0,"delta":{"content":null},"finish_reason":"stop"}]}'
      )
    ).toEqual([
      { type: 'delta', index: 1, content: 'second' },
      { type: 'finish', index: 0, reason: 'stop' },
    ]);
  });
});

describe('completionText', () => {
  it('reads the answer of a server that did not stream', () => {
    expect(
      completionText({ choices: [{ message: { role: 'assistant', content: 'whole answer' } }] })
    ).toBe('whole answer');
    expect(completionText({ choices: [{ text: 'continued' }] })).toBe('continued');
    expect(completionText({ choices: [] })).toBeUndefined();
    expect(completionText({ error: 'x' })).toBeUndefined();
  });
});

describe('request bodies', () => {
  const messages = [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'Capital of France?' },
    { role: 'assistant' as const, content: 'Paris.' },
    { role: 'user' as const, content: 'And of Italy?' },
  ];

  it('chat: model, messages, max_tokens, temperature and stream', () => {
    expect(chatRequestBody('qwen', messages, { maxTokens: 64, temperature: 0.2 })).toEqual({
      model: 'qwen',
      messages,
      max_tokens: 64,
      temperature: 0.2,
      stream: true,
    });
  });

  it('completions: the conversation as one prompt ending with the assistant turn', () => {
    expect(completionRequestBody('base', messages, { maxTokens: 8, temperature: 0 })).toEqual({
      model: 'base',
      prompt:
        'System: Be brief.\n\nUser: Capital of France?\n\nAssistant: Paris.\n\nUser: And of Italy?\n\nAssistant:',
      max_tokens: 8,
      temperature: 0,
      stream: true,
    });
  });

  it('sends a lone user message as it is, for a base model to continue', () => {
    expect(conversationPrompt([{ role: 'user', content: 'Once upon a time' }])).toBe(
      'Once upon a time'
    );
  });
});

describe('samplingSettingsSchema', () => {
  it('accepts whole max_tokens from 1 to the limit and temperatures from 0 to 2, typed as text', () => {
    const schema = samplingSettingsSchema(4096);
    expect(schema.parse({ maxTokens: '256', temperature: '0.7' })).toEqual({
      maxTokens: 256,
      temperature: 0.7,
    });
    expect(schema.parse({ maxTokens: ' 4096 ', temperature: '0' })).toEqual({
      maxTokens: 4096,
      temperature: 0,
    });
    expect(schema.parse({ maxTokens: 1, temperature: 2 })).toEqual({
      maxTokens: 1,
      temperature: 2,
    });
  });

  it('refuses values out of range or not numbers, naming the field', () => {
    const schema = samplingSettingsSchema(4096);
    for (const maxTokens of ['0', '4097', '12.5', 'abc', '', '-3']) {
      const result = schema.safeParse({ maxTokens, temperature: '1' });
      expect(result.success, `max_tokens ${maxTokens}`).toBe(false);
      expect(result.error?.issues.map(issue => issue.path[0])).toEqual(['maxTokens']);
      expect(result.error?.issues[0]?.message).toBe('Enter a whole number from 1 to {{max}}.');
    }
    for (const temperature of ['-0.1', '2.5', 'hot', '']) {
      const result = schema.safeParse({ maxTokens: '10', temperature });
      expect(result.success, `temperature ${temperature}`).toBe(false);
      expect(result.error?.issues.map(issue => issue.path[0])).toEqual(['temperature']);
    }
  });

  it('defaults the limit to MAX_TOKENS_LIMIT', () => {
    const schema = samplingSettingsSchema();
    expect(schema.safeParse({ maxTokens: String(MAX_TOKENS_LIMIT), temperature: 1 }).success).toBe(
      true
    );
    expect(
      schema.safeParse({ maxTokens: String(MAX_TOKENS_LIMIT + 1), temperature: 1 }).success
    ).toBe(false);
  });
});

describe('isChatTemplateError', () => {
  it('is a 400 that mentions the chat template', () => {
    const vllm =
      '{"object":"error","message":"As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.","type":"BadRequestError","param":null,"code":400}';
    expect(isChatTemplateError(400, vllm)).toBe(true);
    expect(isChatTemplateError(400, 'Chat_template is not set')).toBe(true);
    expect(isChatTemplateError(500, vllm)).toBe(false);
    expect(isChatTemplateError(400, '{"message":"max_tokens too large"}')).toBe(false);
    expect(isChatTemplateError(400, undefined)).toBe(false);
  });
});

describe('errorBodyMessage', () => {
  it('finds the message in the error bodies model servers and the API server send', () => {
    expect(errorBodyMessage('{"error":{"message":"bad model"}}')).toBe('bad model');
    expect(errorBodyMessage('{"object":"error","message":"too long","code":400}')).toBe('too long');
    expect(errorBodyMessage('{"kind":"Status","message":"no endpoints available"}')).toBe(
      'no endpoints available'
    );
    expect(errorBodyMessage('{"detail":"Not Found"}')).toBe('Not Found');
    expect(errorBodyMessage('  plain text  ')).toBe('plain text');
  });
});
