/**
 * The Logs tab: pick a pod of the deployment and a container, how many lines from the end, timestamps, and
 * whether to follow. The log is fetched with the user's own credentials (usePodLogs); ANSI colours are
 * stripped and at most 10,000 lines are kept while following.
 */
import { DEFAULT_TAIL_LINES, MAX_KEPT_LINES, MAX_TAIL_LINES } from '@airunway/shared-client/logs';
import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { usePodLogs } from '../../hooks/usePodLogs';
import { ApiErrorBanner } from '../common/ApiErrorBanner';

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;
type ErrorLike = { status?: number; message?: string };

const TailLinesSchema = z.coerce.number().int().min(1).max(MAX_TAIL_LINES);

/** A running pod is the likeliest to have something to say. */
function defaultPod(pods: Pod[]): Pod | undefined {
  return pods.find(pod => pod.status?.phase === 'Running') ?? pods[0];
}

function containerNames(pod: Pod | undefined): string[] {
  if (!pod) return [];
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map(c => c.name);
}

/** The kubelet has no log for a container that never started; asking would only earn a 400. */
function containerStarted(pod: Pod, container: string): boolean {
  if (pod.status?.phase !== 'Pending') return true;
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  const state = statuses.find(status => status.name === container)?.state ?? {};
  return Boolean(state.running || state.terminated);
}

function restartCount(pod: Pod, container: string): number {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  return statuses.find(status => status.name === container)?.restartCount ?? 0;
}

/** The API server's answer for a container that is still being created. */
function isWaitingToStart(error: ErrorLike | null): boolean {
  return (
    error?.status === 400 &&
    /waiting to start|ContainerCreating|PodInitializing/.test(error.message ?? '')
  );
}

export function LogsTab(props: {
  namespace: string;
  pods: Pod[] | null;
  podsError: ErrorLike | null;
}) {
  const { t } = useTranslation();
  const { namespace, pods } = props;

  if (props.podsError) {
    return (
      <SectionBox title={t('Logs')}>
        <ApiErrorBanner
          error={props.podsError}
          intent={{ verb: 'list', resource: 'pods', namespace }}
        />
      </SectionBox>
    );
  }
  if (!pods) return <Loader title={t('Loading pods')} />;
  if (pods.length === 0) {
    return (
      <SectionBox title={t('Logs')}>
        <Alert severity="info">
          {t(
            'This deployment has no pods yet, so there are no logs. Pods appear once the provider has created them.'
          )}
        </Alert>
      </SectionBox>
    );
  }
  return <PodLogsView namespace={namespace} pods={pods} />;
}

function PodLogsView({ namespace, pods }: { namespace: string; pods: Pod[] }) {
  const { t } = useTranslation();
  const [chosenPod, setChosenPod] = useState<string>();
  const [chosenContainer, setChosenContainer] = useState<string>();
  const [tailDraft, setTailDraft] = useState(String(DEFAULT_TAIL_LINES));
  const [tailLines, setTailLines] = useState(DEFAULT_TAIL_LINES);
  const [timestamps, setTimestamps] = useState(false);
  const [followChosen, setFollow] = useState(false);
  const [previousChosen, setPrevious] = useState(false);

  // The chosen pod can disappear (scaled down, replaced); then fall back rather than show nothing.
  const pod = pods.find(item => item.getName() === chosenPod) ?? (defaultPod(pods) as Pod);
  const containers = containerNames(pod);
  const container =
    chosenContainer && containers.includes(chosenContainer)
      ? chosenContainer
      : pod.spec?.containers?.[0]?.name ?? containers[0] ?? '';
  const started = container !== '' && containerStarted(pod, container);
  // A previous run exists only after a restart; it has ended, so there is nothing to follow.
  const restarted = restartCount(pod, container) > 0;
  const previous = previousChosen && restarted;
  const follow = followChosen && !previous;

  const podName = pod.getName();
  const logs = usePodLogs(
    started ? { namespace, pod: podName, container, tailLines, timestamps, follow, previous } : null
  );

  const tailCheck = TailLinesSchema.safeParse(tailDraft.trim() === '' ? NaN : tailDraft);
  function applyTail() {
    if (tailCheck.success) setTailLines(tailCheck.data);
  }

  const text = useMemo(
    () =>
      logs.lines
        .map(line => (timestamps && line.timestamp ? `${line.timestamp} ${line.text}` : line.text))
        .join('\n'),
    [logs.lines, timestamps]
  );
  // While following, stay at the newest line unless the user scrolled up to read.
  const logRef = useRef<HTMLElement>(null);
  const stickToBottom = useRef(true);
  function onLogScroll() {
    const el = logRef.current;
    if (el) stickToBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 16;
  }
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el && follow && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [text, follow]);

  const notStarted = !started || (logs.state === 'error' && isWaitingToStart(logs.error));

  return (
    <SectionBox title={t('Logs')}>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        useFlexGap
        flexWrap="wrap"
        alignItems="flex-start"
        sx={{ mb: 2 }}
        onSubmit={event => {
          event.preventDefault();
          applyTail();
        }}
      >
        <TextField
          select
          size="small"
          label={t('Pod')}
          value={pod.getName()}
          onChange={event => setChosenPod(event.target.value)}
          sx={{ minWidth: 220 }}
        >
          {pods.map(item => (
            <MenuItem key={item.getName()} value={item.getName()}>
              {item.getName()}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('Container')}
          value={container}
          onChange={event => setChosenContainer(event.target.value)}
          sx={{ minWidth: 160 }}
        >
          {containers.map(name => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('Lines from the end')}
          value={tailDraft}
          onChange={event => setTailDraft(event.target.value)}
          onBlur={applyTail}
          error={!tailCheck.success}
          helperText={
            tailCheck.success
              ? t('Press Enter to apply')
              : t('Enter a whole number from 1 to {{max}}.', { max: MAX_TAIL_LINES })
          }
          inputProps={{ inputMode: 'numeric' }}
          sx={{ width: 180 }}
        />
        <FormControlLabel
          control={<Switch checked={timestamps} onChange={(_, on) => setTimestamps(on)} />}
          label={t('Timestamps')}
        />
        <FormControlLabel
          control={
            <Switch checked={follow} disabled={previous} onChange={(_, on) => setFollow(on)} />
          }
          label={t('Follow')}
        />
        <FormControlLabel
          control={
            <Switch
              checked={previous}
              disabled={!restarted}
              onChange={(_, on) => setPrevious(on)}
            />
          }
          label={t('Previous run (before the last restart)')}
        />
      </Stack>
      {notStarted ? (
        <Alert severity="info">
          {t(
            'Container {{container}} of pod {{pod}} has not started yet, so it has no logs. The Overview tab shows why pods are pending.',
            { container, pod: pod.getName() }
          )}
        </Alert>
      ) : logs.state === 'error' ? (
        <ApiErrorBanner
          error={logs.error}
          intent={{ verb: 'get', resource: 'pods/log', namespace }}
        />
      ) : logs.state === 'loading' ? (
        <Loader title={t('Loading logs of {{pod}}', { pod: pod.getName() })} />
      ) : (
        <>
          <Typography variant="body2" role="status" sx={{ mb: 1 }}>
            {logs.state === 'streaming'
              ? t('Following: new lines appear as they arrive.')
              : follow
              ? t(
                  'The log stream ended: the container stopped or the connection closed. Turn Follow off and on to reconnect.'
                )
              : t('{{count}} lines.', { count: logs.lines.length })}
            {logs.dropped > 0 &&
              ` ${t('Showing the newest {{max}} lines; {{count}} older lines were dropped.', {
                max: MAX_KEPT_LINES,
                count: logs.dropped,
              })}`}
          </Typography>
          {/* Focusable so keyboard users can scroll; not live, or a screen reader would read every line. */}
          <Box
            component="pre"
            ref={logRef}
            onScroll={onLogScroll}
            role="log"
            aria-live="off"
            tabIndex={0}
            aria-label={t('Logs of container {{container}} in pod {{pod}}', {
              container,
              pod: pod.getName(),
            })}
            sx={{
              overflow: 'auto',
              maxHeight: 600,
              m: 0,
              p: 1,
              fontSize: '0.8rem',
              whiteSpace: 'pre-wrap',
            }}
          >
            {text || t('(no log lines)')}
          </Box>
        </>
      )}
    </SectionBox>
  );
}
