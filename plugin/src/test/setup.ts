/**
 * Run before every test file (vitest.config.mts `setupFiles`; test files import it too, so a file run
 * with Headlamp's own config gets it as well). ApiProxy reads cluster configuration from IndexedDB, which
 * jsdom lacks (see TOOLCHAIN-NOTES.md).
 */
import 'fake-indexeddb/auto';
// Testing Library's DOM matchers (toBeInTheDocument, …) and their types for vitest.
import '@testing-library/jest-dom/vitest';
import createCache from '@emotion/cache';
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

/**
 * MUI's styles are computed but not put into the page. jsdom answers each `getComputedStyle` by matching
 * the element against every rule of every stylesheet, a page here carries hundreds of MUI's rules, and
 * role queries and axe call it for every node they look at (measured: the two heaviest files' tests took
 * 38 % less time without the rules). Nothing a component test asserts comes from them: jsdom does no
 * layout, colour contrast is left to the browser tests, and what hides an element from assistive
 * technology here is the DOM (`hidden`, `aria-hidden`, inline styles), which stays as it is.
 */
Object.getPrototypeOf(createCache({ key: 'test' }).sheet).insert = () => undefined;

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
