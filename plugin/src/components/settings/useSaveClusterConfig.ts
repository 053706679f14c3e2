/** Writing keys of airunway-config from a settings form: saving state, the failure, and a refetch. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clusterConfigKey, useClusterConfig } from '../../hooks/useClusterConfig';
import { writeClusterConfig } from './clusterConfig';

export type SaveFailure = {
  error: { status?: number; message?: string };
  verb: 'create' | 'patch';
};

export function useSaveClusterConfig() {
  const queryClient = useQueryClient();
  const config = useClusterConfig();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const exists = config.data !== null && config.data !== undefined;

  async function save(values: Record<string, string | null>) {
    setSaving(true);
    setSaved(false);
    setFailure(null);
    try {
      await writeClusterConfig(exists, values);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: clusterConfigKey(config.cluster) });
    } catch (error) {
      setFailure({ error: error as SaveFailure['error'], verb: exists ? 'patch' : 'create' });
    } finally {
      setSaving(false);
    }
  }

  return { config, save, saving, saved, failure, reset: () => setSaved(false) };
}
