/**
 * Headlamp does not supply react-query: the plugin bundles it and mounts its own client around the pages
 * that call the proxy. Query keys start with the cluster so a cluster switch never shows another cluster's
 * cached answers.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 },
  },
});

export function ProxyQueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
