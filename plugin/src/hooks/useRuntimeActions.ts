/**
 * Install / upgrade / uninstall / uninstall CRDs through the proxy, one at a time from this page. The last
 * outcome of each component is kept so its per-step results stay on screen; afterwards every status on the
 * page is read again, from Kubernetes and from the proxy.
 */
import type { ProviderId, StepResult } from '@airunway/shared-client/schemas/proxy';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useProxyClient } from '../proxy/useProxyClient';

export type RuntimeAction = 'install' | 'upgrade' | 'uninstall' | 'uninstall-crds';
export type RuntimeTarget = ProviderId | 'gateway';

export interface ActionOutcome {
  action: RuntimeAction;
  success?: boolean;
  message?: string;
  results?: StepResult[];
  error?: unknown;
}

interface Variables {
  target: RuntimeTarget;
  action: RuntimeAction;
}

export function useRuntimeActions() {
  const { client, cluster } = useProxyClient();
  const queryClient = useQueryClient();
  const [outcomes, setOutcomes] = useState<Partial<Record<RuntimeTarget, ActionOutcome>>>({});

  const mutation = useMutation({
    mutationFn: async ({ target, action }: Variables) => {
      if (target === 'gateway') return client.installGatewayCrds();
      switch (action) {
        case 'install':
          return client.installProvider(target);
        case 'upgrade':
          return client.upgradeProvider(target);
        case 'uninstall':
          return client.uninstallProvider(target);
        case 'uninstall-crds':
          return client.uninstallProviderCrds(target);
      }
    },
    onSuccess: (answer, { target, action }) =>
      setOutcomes(current => ({
        ...current,
        [target]: {
          action,
          success: answer.success,
          message: answer.message,
          results: answer.results ?? [],
        },
      })),
    onError: (error, { target, action }) =>
      setOutcomes(current => ({ ...current, [target]: { action, error } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: [cluster, 'k8s'] });
      void queryClient.invalidateQueries({ queryKey: [cluster, 'proxy', 'installation'] });
    },
  });

  return {
    run: (target: RuntimeTarget, action: RuntimeAction) => mutation.mutate({ target, action }),
    running: mutation.isPending ? mutation.variables : undefined,
    outcomes,
  };
}
