/**
 * The project's test wrapper (Headlamp's TestContext is not published): Headlamp's MUI theme, its redux
 * store, a QueryClient without retries, and a router on a `/c/test-cluster/...` URL. The browser location is
 * set too, because Headlamp reads the cluster from `window.location` as well as from the router.
 */
import './setup';
import { lightTheme } from '@kinvolk/headlamp-plugin/lib/components/App/defaultAppThemes';
import { createMuiTheme } from '@kinvolk/headlamp-plugin/lib/lib/themes';
import store from '@kinvolk/headlamp-plugin/lib/redux/stores/store';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Provider } from 'react-redux';
import { BrowserRouter, HashRouter, Route } from 'react-router-dom';
import { type Clock, ClockProvider, systemClock } from '../platform/clock';

export const TEST_CLUSTER = 'test-cluster';

export interface RenderOptions {
  /** URL path after `/c/<cluster>`, e.g. `/airunway/deployments?namespace=x`. */
  url: string;
  /** Route pattern after `/c/:cluster`, e.g. `/airunway/deployments/:namespace/:name`. */
  route: string;
  /** The desktop app's hash router instead of the browser's history router. */
  router?: 'browser' | 'hash';
  /** The clock live views read (test/clock.ts manualClock); the system clock when not given. */
  clock?: Clock;
}

let lastQueryClient: QueryClient | undefined;

/** The QueryClient of the page rendered last (test/settled.ts waits on it). */
export function renderedQueryClient(): QueryClient {
  if (!lastQueryClient) throw new Error('no page has been rendered');
  return lastQueryClient;
}

export function renderPage(
  ui: ReactElement,
  options: RenderOptions
): RenderResult & { queryClient: QueryClient } {
  const path = `/c/${TEST_CLUSTER}${options.url}`;
  window.history.pushState({}, '', options.router === 'hash' ? `/#${path}` : path);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
  lastQueryClient = queryClient;
  const route = <Route path={`/c/:cluster${options.route}`}>{ui}</Route>;
  const result = render(
    <Provider store={store}>
      <ThemeProvider theme={createMuiTheme(lightTheme)}>
        <QueryClientProvider client={queryClient}>
          <ClockProvider clock={options.clock ?? systemClock}>
            {options.router === 'hash' ? (
              <HashRouter>{route}</HashRouter>
            ) : (
              <BrowserRouter>{route}</BrowserRouter>
            )}
          </ClockProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </Provider>
  );
  return Object.assign(result, { queryClient });
}
