/**
 * The prompt playground's conversation with a deployed model, through the Kubernetes API server's proxy with
 * the user's own credentials: `services/<svc>:<port>/proxy` (the Service picks a ready pod; RBAC `create` on
 * `services/proxy`) or `pods/<pod>:<port>/proxy` to ask one replica (RBAC `create` on `pods/proxy`).
 *
 * Requests are OpenAI-compatible and streamed (`stream: true`); the body is read as it arrives and decoded
 * by shared-client's OpenAiStreamDecoder, so tokens show in order as the model produces them. A model
 * without a chat template (vLLM answers 400 "… chat template …") is asked again on `/v1/completions` with the
 * conversation as one prompt, and every later request of this conversation goes there directly.
 *
 * `stop()` aborts the request (the API server closes the upstream connection, so the model stops too); the
 * request is aborted as well when the component unmounts.
 */
import {
  type ChatMessage,
  chatRequestBody,
  completionRequestBody,
  completionText,
  errorBodyMessage,
  isChatTemplateError,
  OpenAiStreamDecoder,
  type SamplingSettings,
  type StreamEvent,
} from '@airunway/shared-client/openaiStream';
import { ApiProxy, K8s } from '@kinvolk/headlamp-plugin/lib';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiServerProxyPath } from '../proxy/location';
import { splitRejection } from '../proxy/rejection';

/** Where a request goes: the deployment's Service, or one pod (replica) of it. */
export type ChatTarget =
  | { kind: 'service'; service: string; port?: number }
  | { kind: 'pod'; pod: string; port?: number };

export type ChatMode = 'chat' | 'completions';

export interface ChatError {
  /** HTTP status of the refusal; undefined for an error the model server sent inside the stream. */
  status?: number;
  /** The message of the API server or the model server (never a stack). */
  message: string;
  /** The model server reported it in the stream, after answering 200. */
  inStream?: boolean;
}

export interface UserTurn {
  id: number;
  role: 'user';
  content: string;
}

export interface AssistantTurn {
  id: number;
  role: 'assistant';
  content: string;
  /** waiting: asked, no answer yet; streaming: tokens arriving; stopped: the user pressed Stop. */
  state: 'waiting' | 'streaming' | 'done' | 'stopped' | 'error';
  /** Who was asked: the Service, or the pod that answered. */
  target: ChatTarget;
  mode: ChatMode;
  finishReason?: string;
  error?: ChatError;
  /** The stream ended without `[DONE]` or a finish reason: the answer may be cut off. */
  incomplete?: boolean;
  /** Events of the stream that could not be read (skipped). */
  unreadable: number;
  usage?: { promptTokens?: number; completionTokens?: number };
}

export type ChatTurn = UserTurn | AssistantTurn;

export interface ChatRequest {
  model: string;
  /** Optional system prompt, sent first when not blank. */
  system?: string;
  settings: SamplingSettings;
  target: ChatTarget;
}

export interface PlaygroundChat {
  turns: ChatTurn[];
  /** A request is in flight (waiting or streaming). */
  busy: boolean;
  /** The model has no chat template: requests go to /v1/completions. */
  completionsMode: boolean;
  send: (text: string, request: ChatRequest) => void;
  stop: () => void;
  clear: () => void;
}

// ---------------------------------------------------------------------------------------------
// Paths and pods (pure)
// ---------------------------------------------------------------------------------------------

const API_PATHS: Record<ChatMode, string> = {
  chat: '/v1/chat/completions',
  completions: '/v1/completions',
};

/** `/api/v1/namespaces/<ns>/services/<svc>:<port>/proxy/v1/...` or the same under `pods/<pod>:<port>`. */
export function chatPath(namespace: string, target: ChatTarget, mode: ChatMode): string {
  const name = target.kind === 'service' ? target.service : target.pod;
  const resource = target.kind === 'service' ? 'services' : 'pods';
  return apiServerProxyPath(namespace, resource, name, target.port, API_PATHS[mode]);
}

/** The RBAC resource a target needs `create` on. */
export function proxyResource(target: ChatTarget): 'services/proxy' | 'pods/proxy' {
  return target.kind === 'service' ? 'services/proxy' : 'pods/proxy';
}

/**
 * The conversation to send: the system prompt, then earlier exchanges whose answer arrived (in full or
 * until Stop), then the new message. A failed exchange is left out, so roles keep alternating.
 */
export function conversationMessages(
  turns: ChatTurn[],
  text: string,
  system?: string
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (system?.trim()) messages.push({ role: 'system', content: system.trim() });
  for (let i = 0; i < turns.length; i++) {
    const question = turns[i];
    const answer = turns[i + 1];
    if (question?.role !== 'user' || answer?.role !== 'assistant') continue;
    if ((answer.state === 'done' || answer.state === 'stopped') && answer.content !== '') {
      messages.push({ role: 'user', content: question.content });
      messages.push({ role: 'assistant', content: answer.content });
    }
  }
  messages.push({ role: 'user', content: text });
  return messages;
}

// ---------------------------------------------------------------------------------------------
// The hook
// ---------------------------------------------------------------------------------------------

export function usePlaygroundChat(namespace: string): PlaygroundChat {
  const cluster = K8s.useCluster() ?? undefined;
  const [turns, setTurnsState] = useState<ChatTurn[]>([]);
  const [busy, setBusy] = useState(false);
  const [completionsMode, setCompletionsMode] = useState(false);
  const turnsRef = useRef<ChatTurn[]>([]);
  const modeRef = useRef<ChatMode>('chat');
  const controllerRef = useRef<AbortController | null>(null);
  const nextId = useRef(1);

  const setTurns = useCallback((update: (turns: ChatTurn[]) => ChatTurn[]) => {
    turnsRef.current = update(turnsRef.current);
    setTurnsState(turnsRef.current);
  }, []);

  const updateAnswer = useCallback(
    (id: number, update: (turn: AssistantTurn) => Partial<AssistantTurn>) => {
      setTurns(list =>
        list.map(turn =>
          turn.id === id && turn.role === 'assistant' ? { ...turn, ...update(turn) } : turn
        )
      );
    },
    [setTurns]
  );

  // Leaving the tab (or the page) ends the stream.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const send = useCallback(
    (text: string, request: ChatRequest) => {
      if (controllerRef.current || text.trim() === '') return;
      const controller = new AbortController();
      controllerRef.current = controller;
      const { signal } = controller;
      const messages = conversationMessages(turnsRef.current, text, request.system);
      const questionId = nextId.current++;
      const answerId = nextId.current++;
      setTurns(list => [
        ...list,
        { id: questionId, role: 'user', content: text },
        {
          id: answerId,
          role: 'assistant',
          content: '',
          state: 'waiting',
          target: request.target,
          mode: modeRef.current,
          unreadable: 0,
        },
      ]);
      setBusy(true);

      const post = (mode: ChatMode): Promise<Response> => {
        const body =
          mode === 'chat'
            ? chatRequestBody(request.model, messages, request.settings)
            : completionRequestBody(request.model, messages, request.settings);
        return ApiProxy.request(chatPath(namespace, request.target, mode), {
          cluster,
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'Content-Type': 'application/json' },
          isJSON: false,
          // Replaces Headlamp's request timeout: a long answer streams for as long as the model writes.
          signal,
        } as ApiProxy.RequestParams);
      };

      const apply = (event: StreamEvent) => {
        switch (event.type) {
          case 'delta':
            if (event.index === 0) {
              updateAnswer(answerId, turn => ({
                content: turn.content + event.content,
                state: 'streaming',
              }));
            }
            break;
          case 'finish':
            if (event.index === 0) updateAnswer(answerId, () => ({ finishReason: event.reason }));
            break;
          case 'usage':
            updateAnswer(answerId, () => ({
              usage: { promptTokens: event.promptTokens, completionTokens: event.completionTokens },
            }));
            break;
          case 'error':
            updateAnswer(answerId, () => ({
              state: 'error',
              error: { message: event.message, inStream: true },
            }));
            break;
          case 'invalid':
            updateAnswer(answerId, turn => ({ unreadable: turn.unreadable + 1 }));
            break;
          case 'done':
            break;
        }
      };

      (async () => {
        let response: Response;
        try {
          response = await post(modeRef.current);
        } catch (err) {
          const { status, body } = splitRejection(err);
          if (modeRef.current !== 'chat' || signal.aborted || !isChatTemplateError(status, body)) {
            throw err;
          }
          // No chat template: this model only continues text. Say so, and ask it that way from now on.
          modeRef.current = 'completions';
          setCompletionsMode(true);
          updateAnswer(answerId, () => ({ mode: 'completions' }));
          response = await post('completions');
        }
        updateAnswer(answerId, () => ({ state: 'streaming' }));

        const type = response.headers.get('Content-Type') ?? '';
        if (type.includes('application/json')) {
          // The server ignored `stream: true` and sent the whole answer at once.
          const json: unknown = await response.json();
          const content = completionText(json);
          updateAnswer(answerId, () =>
            content === undefined
              ? {
                  state: 'error',
                  error: { status: response.status, message: JSON.stringify(json) },
                }
              : { content, state: 'done' }
          );
          return;
        }

        const decoder = new OpenAiStreamDecoder();
        let failed = false;
        let finished = false;
        const handle = (events: StreamEvent[]) => {
          for (const event of events) {
            if (failed) return;
            apply(event);
            if (event.type === 'error') failed = true;
            if (event.type === 'finish' && event.index === 0) finished = true;
          }
        };
        const reader = response.body?.getReader();
        if (!reader) {
          handle(decoder.push(await response.text()));
        } else {
          signal.addEventListener('abort', () => void reader.cancel().catch(() => {}));
          const text = new TextDecoder();
          while (!failed && !decoder.done) {
            const { done, value } = await reader.read();
            if (done) break;
            handle(decoder.push(text.decode(value, { stream: true })));
          }
          if (failed || decoder.done) void reader.cancel().catch(() => {});
          else handle(decoder.push(text.decode()));
        }
        handle(decoder.end());
        if (signal.aborted || failed) return;
        updateAnswer(answerId, () => ({
          state: 'done',
          ...(!decoder.done && !finished ? { incomplete: true } : {}),
        }));
      })()
        .catch((err: unknown) => {
          if (signal.aborted) return;
          const { status, statusText, body } = splitRejection(err);
          const message =
            (body ? errorBodyMessage(body) : '') ||
            statusText ||
            (err instanceof Error ? err.message : '');
          updateAnswer(answerId, () => ({
            state: 'error',
            error: { ...(status !== undefined ? { status } : {}), message },
          }));
        })
        .finally(() => {
          if (signal.aborted) {
            updateAnswer(answerId, turn =>
              turn.state === 'waiting' || turn.state === 'streaming' ? { state: 'stopped' } : {}
            );
          }
          if (controllerRef.current === controller) {
            controllerRef.current = null;
            setBusy(false);
          }
        });
    },
    [cluster, namespace, setTurns, updateAnswer]
  );

  const stop = useCallback(() => {
    controllerRef.current?.abort();
  }, []);

  const clear = useCallback(() => {
    controllerRef.current?.abort();
    controllerRef.current = null;
    setBusy(false);
    setTurns(() => []);
  }, [setTurns]);

  return { turns, busy, completionsMode, send, stop, clear };
}
