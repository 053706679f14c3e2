/**
 * The streamed answer of an OpenAI-compatible model server (vLLM, SGLang, TensorRT-LLM, llama.cpp), read
 * incrementally: `OpenAiStreamDecoder` takes the response body as text chunks split anywhere (mid-line,
 * mid-JSON, between CR and LF) and returns what each complete server-sent event means: a piece of the
 * answer, why generation finished, an error the server reported inside the stream, token usage, or the
 * `[DONE]` marker. Both `/v1/chat/completions` (`choices[].delta.content`) and `/v1/completions`
 * (`choices[].text`) are understood. Every event is validated with zod; an event that is neither is
 * reported as `invalid` rather than thrown, so one odd line does not lose the rest of the answer.
 *
 * Also here, because it is the same protocol: the request bodies, the playground's input limits, the
 * prompt a completions-only model gets for a conversation, and how to recognise the "no chat template"
 * refusal that calls for it.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export type StreamEvent =
  /** A piece of the answer for choice `index`, in order. Never empty. */
  | { type: 'delta'; index: number; content: string }
  /** Generation of choice `index` ended: `stop`, `length` (max_tokens reached), `abort`, … */
  | { type: 'finish'; index: number; reason: string }
  /** Token counts, sent by servers with a final `usage` object. */
  | { type: 'usage'; promptTokens?: number; completionTokens?: number }
  /** The server reported an error inside the stream (`{"error":{...}}` or vLLM's `{"object":"error"}`). */
  | { type: 'error'; message: string; code?: string | number; errorType?: string }
  /** `data: [DONE]`: the stream is complete. Events after it are ignored. */
  | { type: 'done' }
  /** An event that is not valid JSON or not a shape this decoder knows. */
  | { type: 'invalid'; data: string; reason: string };

const ChoiceSchema = z.object({
  index: z.number().int().nonnegative().optional(),
  // chat: the new piece of the message; `role` arrives alone in the first chunk, content may be null.
  delta: z
    .object({
      role: z.string().nullish(),
      content: z.string().nullish(),
    })
    .nullish(),
  // completions
  text: z.string().nullish(),
  finish_reason: z.string().nullish(),
});

const UsageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative().optional(),
  completion_tokens: z.number().int().nonnegative().optional(),
});

/** One chunk of `chat.completion.chunk` or `text_completion` (the fields this decoder needs). */
export const CompletionChunkSchema = z.object({
  choices: z.array(ChoiceSchema),
  usage: UsageSchema.nullish(),
});
export type CompletionChunk = z.infer<typeof CompletionChunkSchema>;

const ErrorCodeSchema = z.union([z.string(), z.number()]).nullish();

/** OpenAI's error envelope; some servers put a bare string in `error`. */
export const StreamErrorSchema = z.object({
  error: z.union([
    z.string(),
    z.object({
      message: z.string().optional(),
      type: z.string().nullish(),
      code: ErrorCodeSchema,
    }),
  ]),
});

/** vLLM's ErrorResponse, which older versions send as a stream event. */
export const VllmErrorSchema = z.object({
  object: z.literal('error'),
  message: z.string(),
  type: z.string().nullish(),
  code: ErrorCodeSchema,
});

const DONE = '[DONE]';

/** What one event's data means. */
export function interpretEventData(data: string, eventName?: string): StreamEvent[] {
  const trimmed = data.trim();
  if (trimmed === DONE) return [{ type: 'done' }];
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // `event: error` with a plain-text message is still an error the user must see.
    if (eventName === 'error') return [{ type: 'error', message: trimmed || 'error' }];
    return [{ type: 'invalid', data, reason: 'not JSON' }];
  }

  const envelope = StreamErrorSchema.safeParse(json);
  if (envelope.success) {
    const { error } = envelope.data;
    if (typeof error === 'string') return [{ type: 'error', message: error }];
    return [
      {
        type: 'error',
        message: error.message || error.type || 'The model server reported an error.',
        ...(error.code !== null && error.code !== undefined ? { code: error.code } : {}),
        ...(error.type ? { errorType: error.type } : {}),
      },
    ];
  }
  const vllm = VllmErrorSchema.safeParse(json);
  if (vllm.success) {
    return [
      {
        type: 'error',
        message: vllm.data.message,
        ...(vllm.data.code !== null && vllm.data.code !== undefined
          ? { code: vllm.data.code }
          : {}),
        ...(vllm.data.type ? { errorType: vllm.data.type } : {}),
      },
    ];
  }
  if (eventName === 'error') {
    return [{ type: 'error', message: trimmed }];
  }

  const chunk = CompletionChunkSchema.safeParse(json);
  if (!chunk.success) {
    return [{ type: 'invalid', data, reason: chunk.error.issues[0]?.message ?? 'unknown shape' }];
  }
  const events: StreamEvent[] = [];
  for (const [position, choice] of chunk.data.choices.entries()) {
    const index = choice.index ?? position;
    const content = choice.delta?.content ?? choice.text ?? '';
    if (content !== '') events.push({ type: 'delta', index, content });
    if (choice.finish_reason) events.push({ type: 'finish', index, reason: choice.finish_reason });
  }
  const usage = chunk.data.usage;
  if (usage && (usage.prompt_tokens !== undefined || usage.completion_tokens !== undefined)) {
    events.push({
      type: 'usage',
      ...(usage.prompt_tokens !== undefined ? { promptTokens: usage.prompt_tokens } : {}),
      ...(usage.completion_tokens !== undefined
        ? { completionTokens: usage.completion_tokens }
        : {}),
    });
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// Incremental decoder
// ---------------------------------------------------------------------------------------------

/**
 * Server-sent events as the HTML standard parses them: lines end in CRLF, LF or CR; `data:` lines of one
 * event are joined with LF; a blank line dispatches the event; lines starting with `:` are comments; `event:`
 * names the event. One tolerance beyond the standard: a server that forgets the blank line between events
 * (one `data:` line after another) still gets each line read on its own, when the pending data is already
 * a complete JSON value or `[DONE]`.
 */
export class OpenAiStreamDecoder {
  private buffer = '';
  private data: string[] = [];
  private eventName: string | undefined;
  private finished = false;

  /** True once `[DONE]` arrived. */
  get done(): boolean {
    return this.finished;
  }

  /** Feed the next piece of the body; returns the events it completed, in order. */
  push(chunk: string): StreamEvent[] {
    this.buffer += chunk;
    const events: StreamEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line, events);
    }
    return events;
  }

  /** The body ended: an event still pending (no final blank line) is dispatched. */
  end(): StreamEvent[] {
    const events: StreamEvent[] = [];
    const rest = this.buffer.endsWith('\r') ? this.buffer.slice(0, -1) : this.buffer;
    this.buffer = '';
    if (rest !== '') this.line(rest, events);
    this.dispatch(events);
    return events;
  }

  private line(line: string, events: StreamEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      if (this.data.length > 0 && isCompleteValue(this.data.join('\n'))) this.dispatch(events);
      this.data.push(value);
    } else if (field === 'event') {
      this.eventName = value;
    }
    // `id` and `retry` mean nothing for a single HTTP answer; unknown fields are ignored by the standard.
  }

  private dispatch(events: StreamEvent[]): void {
    if (this.data.length === 0) {
      this.eventName = undefined;
      return;
    }
    const data = this.data.join('\n');
    const eventName = this.eventName;
    this.data = [];
    this.eventName = undefined;
    if (this.finished) return;
    for (const event of interpretEventData(data, eventName)) {
      events.push(event);
      if (event.type === 'done') this.finished = true;
    }
  }
}

function isCompleteValue(data: string): boolean {
  if (data.trim() === DONE) return true;
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
}

/** Decode a whole body at once (tests, and answers that were not streamed after all). */
export function decodeStream(text: string): StreamEvent[] {
  const decoder = new OpenAiStreamDecoder();
  return [...decoder.push(text), ...decoder.end()];
}

/**
 * The text of a non-streamed answer (`chat.completion` or `text_completion`), for a server that ignored
 * `stream: true` and answered with one JSON object. Undefined when the object is neither.
 */
export function completionText(json: unknown): string | undefined {
  const parsed = z
    .object({
      choices: z
        .array(
          z.object({
            message: z.object({ content: z.string().nullish() }).nullish(),
            text: z.string().nullish(),
          })
        )
        .min(1),
    })
    .safeParse(json);
  if (!parsed.success) return undefined;
  const choice = parsed.data.choices[0];
  return choice?.message?.content ?? choice?.text ?? '';
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export const CHAT_ROLES = ['system', 'user', 'assistant'] as const;
export const ChatMessageSchema = z.object({
  role: z.enum(CHAT_ROLES),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const DEFAULT_MAX_TOKENS = 256;
export const DEFAULT_TEMPERATURE = 0.7;
/** Upper bound for max_tokens when the deployment does not state its context length. */
export const MAX_TOKENS_LIMIT = 32768;
/** OpenAI's range; vLLM accepts the same. */
export const MAX_TEMPERATURE = 2;

/**
 * The playground's sampling inputs as typed (strings from text fields): max_tokens a whole number from 1 to
 * `maxTokensLimit` (the context length when known), temperature a number from 0 to 2. Messages are
 * translation keys with `{{max}}` where the limit goes; the views translate them.
 */
export function samplingSettingsSchema(maxTokensLimit: number = MAX_TOKENS_LIMIT) {
  const limit = Math.max(1, Math.floor(maxTokensLimit));
  const numberFrom = (value: unknown) =>
    typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value.trim())) : value;
  return z.object({
    maxTokens: z.preprocess(
      numberFrom,
      z
        .number({ message: 'Enter a whole number from 1 to {{max}}.' })
        .int('Enter a whole number from 1 to {{max}}.')
        .min(1, 'Enter a whole number from 1 to {{max}}.')
        .max(limit, 'Enter a whole number from 1 to {{max}}.')
    ),
    temperature: z.preprocess(
      numberFrom,
      z
        .number({ message: 'Enter a number from 0 to {{max}}.' })
        .min(0, 'Enter a number from 0 to {{max}}.')
        .max(MAX_TEMPERATURE, 'Enter a number from 0 to {{max}}.')
    ),
  });
}
export type SamplingSettings = { maxTokens: number; temperature: number };

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  max_tokens: number;
  temperature: number;
  stream: true;
}

export interface CompletionRequest {
  model: string;
  prompt: string;
  max_tokens: number;
  temperature: number;
  stream: true;
}

export function chatRequestBody(
  model: string,
  messages: ChatMessage[],
  settings: SamplingSettings
): ChatCompletionRequest {
  return {
    model,
    messages,
    max_tokens: settings.maxTokens,
    temperature: settings.temperature,
    stream: true,
  };
}

export function completionRequestBody(
  model: string,
  messages: ChatMessage[],
  settings: SamplingSettings
): CompletionRequest {
  return {
    model,
    prompt: conversationPrompt(messages),
    max_tokens: settings.maxTokens,
    temperature: settings.temperature,
    stream: true,
  };
}

const ROLE_LABELS: Record<ChatMessage['role'], string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
};

/**
 * A conversation as one plain-text prompt for a model without a chat template (a base model): one
 * `Role: text` paragraph per message, ending with `Assistant:` for the model to continue. A single user
 * message with nothing else is sent as it is, so a base model simply continues the text.
 */
export function conversationPrompt(messages: ChatMessage[]): string {
  const [only] = messages;
  if (messages.length === 1 && only?.role === 'user') return only.content;
  const turns = messages.map(message => `${ROLE_LABELS[message.role]}: ${message.content.trim()}`);
  return `${[...turns, `${ROLE_LABELS.assistant}:`].join('\n\n')}`;
}

/**
 * vLLM refuses `/v1/chat/completions` with a 400 whose message mentions the chat template when the
 * tokenizer has none ("As of transformers v4.44, default chat template is no longer allowed, …"). Any 400
 * saying "chat template" is taken to mean the same: send the conversation to `/v1/completions` instead.
 */
export function isChatTemplateError(status: number | undefined, body: string | undefined): boolean {
  return status === 400 && /chat[\s_-]?template/i.test(body ?? '');
}

/** The message inside an error body of the model server (OpenAI envelope, vLLM ErrorResponse, Status). */
export function errorBodyMessage(body: string): string {
  const text = body.trim();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  const envelope = StreamErrorSchema.safeParse(json);
  if (envelope.success) {
    const { error } = envelope.data;
    return typeof error === 'string' ? error : error.message || text;
  }
  const withMessage = z.object({ message: z.string() }).safeParse(json);
  if (withMessage.success) return withMessage.data.message;
  const withDetail = z.object({ detail: z.string() }).safeParse(json);
  return withDetail.success ? withDetail.data.detail : text;
}
