/**
 * The Performance tab: live metrics scraped from the model server through the service proxy, the
 * bottlenecks the shared-client detector finds in them, recommendations as concrete spec changes, and the
 * optimisation workflow recorded on the cluster (propose → approve/reject → apply → complete/roll back).
 */
import { detectBottlenecks, recommend } from '@airunway/shared-client/advisor';
import type { Engine } from '@airunway/shared-client/prometheus/normalize';
import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useMetricsScrape } from '../../hooks/useMetricsScrape';
import { useOptimizationWorkflow } from '../../hooks/useOptimizationWorkflow';
import { useServiceBackends } from '../../hooks/useServiceBackends';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { podReadiness, podServingPort } from '../../resources/podServing';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { BottlenecksSection } from './BottlenecksSection';
import { MetricChart, SuccessByReason } from './MetricChart';
import { CHARTS } from './metricCharts';
import { OptimizationHistory } from './OptimizationHistory';
import { RecommendationsSection } from './RecommendationsSection';

export const SCRAPE_INTERVALS_S = [5, 15, 30, 60] as const;
export const DEFAULT_INTERVAL_S = 15;

/** Product names stay as they are; the two descriptive ones are words, so they are translated. */
function engineName(engine: Engine, t: ReturnType<typeof useTranslation>['t']): string {
  const names: Record<Engine, string> = {
    vllm: 'vLLM',
    sglang: 'SGLang',
    tgi: 'TGI',
    llamacpp: 'llama.cpp',
    dynamo: t('Dynamo frontend'),
    unknown: t('Model'),
  };
  return names[engine];
}

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;

export function PerformanceTab({
  deployment,
  pods,
}: {
  deployment: ModelDeployment;
  /** The deployment's pods as the details page watches them; null while they load. */
  pods: Pod[] | null;
}) {
  const { t } = useTranslation();
  const namespace = deployment.getNamespace() ?? '';
  const name = deployment.getName();
  const endpoint = deployment.status.endpoint;
  const [intervalS, setIntervalS] = useState<number>(DEFAULT_INTERVAL_S);
  // The replicas to read one by one: the pods behind the Service (its EndpointSlices), or, when those cannot
  // be read, the deployment's ready pods.
  const backends = useServiceBackends(namespace, endpoint?.service);
  const readyPods = backends
    ? backends
        .filter(backend => backend.ready)
        .map(backend => ({ name: backend.pod, port: backend.port ?? endpoint?.port ?? undefined }))
    : (backends === null ? pods ?? [] : [])
        .filter(pod => podReadiness(pod) === 'ready')
        .map(pod => ({
          name: pod.getName(),
          port: podServingPort(pod, endpoint?.port ?? undefined),
        }));
  const scrape = useMetricsScrape(
    // Wait for the Service's backends (one list) rather than first reading pods it does not send to.
    endpoint?.service && backends !== undefined
      ? {
          namespace,
          service: endpoint.service,
          port: endpoint.port ?? undefined,
          pods: readyPods,
        }
      : undefined,
    intervalS * 1000
  );
  const mode = scrape.mode;
  const points = scrape.window.points;
  const engine: Engine = points.at(-1)?.engine ?? 'unknown';
  const spec = deployment.jsonData.spec as Record<string, unknown>;
  const bottlenecks = useMemo(() => detectBottlenecks(points), [points]);
  const recommendations = useMemo(
    () => recommend(bottlenecks, spec, engine !== 'unknown' ? { engine } : {}),
    [bottlenecks, spec, engine]
  );
  const workflow = useOptimizationWorkflow({ namespace, name });
  const records = workflow.history.data?.records ?? [];
  const openTypes = new Set(
    records
      .filter(r => ['PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS'].includes(r.state))
      .map(r => r.type)
  );
  const permissions = workflow.permissions.data;

  if (!endpoint?.service) {
    return (
      <SectionBox title={t('Performance')}>
        <Alert severity="info">
          {t(
            'The provider has not published an endpoint for this deployment yet, so there are no metrics to read. They appear once status.endpoint is set.'
          )}
        </Alert>
      </SectionBox>
    );
  }

  return (
    <Stack spacing={2}>
      <SectionBox title={t('Performance')}>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
          <TextField
            select
            size="small"
            label={t('Scrape interval')}
            value={intervalS}
            onChange={e => setIntervalS(Number(e.target.value))}
            sx={{ minWidth: 160 }}
          >
            {SCRAPE_INTERVALS_S.map(s => (
              <MenuItem key={s} value={s}>
                {t('{{seconds}} seconds', { seconds: s })}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="body2" role="status">
            {scrape.paused
              ? t('Paused while the page is hidden.')
              : !scrape.lastScrapeMs
              ? t('Reading metrics…')
              : mode?.kind === 'pods'
              ? t(
                  '{{engine}} metrics summed over {{answered}} of {{asked}} ready replicas (each pod through pods/proxy), last read at {{time}} ({{count}} samples).',
                  {
                    engine: engineName(engine, t),
                    answered: mode.answered,
                    asked: mode.asked,
                    time: new Date(scrape.lastScrapeMs).toLocaleTimeString(),
                    count: points.length,
                  }
                )
              : t(
                  '{{engine}} metrics from {{service}}, last read at {{time}} ({{count}} samples).',
                  {
                    engine: engineName(engine, t),
                    service: `${endpoint.service}${endpoint.port ? `:${endpoint.port}` : ''}`,
                    time: new Date(scrape.lastScrapeMs).toLocaleTimeString(),
                    count: points.length,
                  }
                )}
          </Typography>
        </Stack>
        {scrape.error &&
          (scrape.error.status === 503 || scrape.error.status === 502 ? (
            <Alert severity="warning" role="alert">
              {t(
                'The model server is not answering at /metrics yet (HTTP {{status}}). It is retried every interval.',
                { status: scrape.error.status }
              )}
            </Alert>
          ) : (
            <ApiErrorBanner
              error={scrape.error}
              intent={{ verb: 'get', resource: 'services/proxy', namespace }}
            />
          ))}
        {mode?.kind === 'service' && mode.reason !== 'single-replica' && (
          <Alert severity="info">
            {mode.reason === 'pods-forbidden'
              ? t(
                  'Each scrape comes from whichever replica the Service picks, so rates can jump between replicas: reading every replica needs get on pods/proxy in namespace {{namespace}}.',
                  { namespace }
                )
              : t(
                  'No replica answered on its own (pods/proxy), so metrics are read through the Service: each scrape comes from whichever replica it picks.'
                )}
          </Alert>
        )}
        {scrape.parseErrors > 0 && (
          <Alert severity="info">
            {t('{{count}} lines of the last scrape were not valid metrics and were skipped.', {
              count: scrape.parseErrors,
            })}
          </Alert>
        )}
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' },
          }}
        >
          {CHARTS.map(chart => (
            <MetricChart
              key={chart.id}
              spec={chart}
              points={points}
              engine={engineName(engine, t)}
              latest={scrape.window.last?.metrics}
            />
          ))}
          <SuccessByReason points={points} />
        </Box>
      </SectionBox>
      <BottlenecksSection
        bottlenecks={bottlenecks}
        points={points.length}
        recommendations={recommendations}
      />
      {permissions && !permissions.writeHistory && (
        <Alert severity="info">
          {t(
            'Proposing and deciding optimisations records them in a ConfigMap: you need create and update on configmaps in namespace {{namespace}}.',
            { namespace }
          )}
        </Alert>
      )}
      {permissions && !permissions.patchDeployment && (
        <Alert severity="info">
          {t(
            'Approving, applying and rolling back change the deployment: you need patch on modeldeployments.airunway.ai in namespace {{namespace}}.',
            { namespace }
          )}
        </Alert>
      )}
      {workflow.run.error && (
        <Alert severity="error" role="alert">
          {(workflow.run.error as Error).message}
        </Alert>
      )}
      <RecommendationsSection
        recommendations={recommendations}
        spec={spec}
        openTypes={openTypes}
        canPropose={Boolean(permissions?.writeHistory)}
        busy={workflow.run.isPending}
        onPropose={recommendation =>
          workflow.run.mutate({ kind: 'propose', recommendation, specBefore: spec })
        }
      />
      <OptimizationHistory
        history={workflow.history}
        permissions={permissions}
        busy={workflow.run.isPending}
        points={points}
        onAction={action => workflow.run.mutate(action)}
      />
    </Stack>
  );
}
