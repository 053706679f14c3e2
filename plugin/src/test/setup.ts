/**
 * Run before every test file (vitest.config.mts `setupFiles`; test files import it too, so a file run
 * with Headlamp's own config gets it as well). ApiProxy reads cluster configuration from IndexedDB, which
 * jsdom lacks (see TOOLCHAIN-NOTES.md).
 */
import 'fake-indexeddb/auto';
// Testing Library's DOM matchers (toBeInTheDocument, …) and their types for vitest.
import '@testing-library/jest-dom/vitest';
import { queryClient as headlampQueryClient } from '@kinvolk/headlamp-plugin/lib/lib/queryClient';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { FakeWebSocket } from './websocket';

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one (browsers and Electron have it).
if (!('ResizeObserver' in globalThis)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(globalThis, { ResizeObserver: ResizeObserverStub });
}

// Watches go to a controllable fake instead of jsdom's WebSocket (see websocket.ts).
Object.assign(globalThis, { WebSocket: FakeWebSocket });

// The suites run in parallel on small CI machines (2 cores): give findBy*/waitFor more than the default
// second before declaring an element absent. This only lengthens waits; it never changes what is asserted.
configure({
  asyncUtilTimeout: 15_000,
  // A failed query prints the page's text rather than its first 7,000 characters of MUI markup, which end
  // long before the part of the page that was looked for.
  getElementError(message, container) {
    const text = (container.textContent ?? '').replace(/\s+/g, ' ').slice(0, 20_000);
    const error = new Error(`${message ?? ''}\n\nText on the page: ${text}`);
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

// Headlamp's own query cache (its KubeObject lists and gets) is a module singleton: empty it after each
// test (once its page is unmounted) so that no test reads what another test's handlers answered.
afterEach(() => {
  cleanup();
  headlampQueryClient.clear();
});
