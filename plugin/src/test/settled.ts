/**
 * Waiting for a page to be done, as a condition instead of a pause: until neither the page's queries
 * nor Headlamp's own (its KubeObject lists and gets) are fetching, and no mutation is running, and React
 * has committed what their answers caused without starting anything new.
 *
 * A test that asserts something did *not* happen (no request after a click on a disabled button, no
 * second request for a larger list) waits for this first; so does an accessibility check, which must not
 * read nodes React is about to replace.
 */
import { queryClient as headlampQueryClient } from '@kinvolk/headlamp-plugin/lib/lib/queryClient';
import type { QueryClient } from '@tanstack/react-query';
import { act, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { renderedQueryClient } from './render';

function busy(clients: QueryClient[]): number {
  return clients.reduce((sum, client) => sum + client.isFetching() + client.isMutating(), 0);
}

export async function settled(queryClient: QueryClient = renderedQueryClient()): Promise<void> {
  const clients = [queryClient, headlampQueryClient as unknown as QueryClient];
  for (;;) {
    await waitFor(() => expect(busy(clients), 'queries or mutations still running').toBe(0));
    // Commit what the answers changed and run its effects: a query enabled by an answer starts here.
    await act(async () => {});
    if (busy(clients) === 0) return;
  }
}
