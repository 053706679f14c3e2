/**
 * A stand-in for the browser WebSocket that Headlamp opens for watches
 * (`ws://localhost:4466/clusters/<cluster>/<path>?watch=1&resourceVersion=...`). jsdom's own WebSocket
 * would try a real connection and fail at a moment that depends on timing; this one stays open, records
 * every watch, and lets a test push watch events in the Kubernetes wire format.
 */
export class FakeWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static opened: FakeWebSocket[] = [];

  readonly url: string;
  readyState = FakeWebSocket.OPEN;
  binaryType = 'blob';
  onmessage: ((event: MessageEvent) => void) | null = null;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    FakeWebSocket.opened.push(this);
  }

  send() {}

  close() {
    this.readyState = FakeWebSocket.CLOSED;
  }

  /** Delivers one watch event, e.g. `{ type: 'ADDED', object }`. */
  emit(update: unknown) {
    const event = new MessageEvent('message', { data: JSON.stringify(update) });
    this.dispatchEvent(event);
    this.onmessage?.(event);
  }

  /** The open watch whose URL path ends with `path`. */
  static watching(path: string): FakeWebSocket | undefined {
    return FakeWebSocket.opened.find(
      socket =>
        socket.readyState === FakeWebSocket.OPEN && new URL(socket.url).pathname.endsWith(path)
    );
  }
}
