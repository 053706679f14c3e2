/**
 * The Playground tab: chat with the deployed model through the Kubernetes API server's proxy, with the
 * user's own credentials (usePlaygroundChat does the requests). The answer streams in token by token; Stop
 * aborts it. Send to the Service, or to one ready replica to compare replicas. max_tokens and temperature
 * are checked before anything is sent. A model without a chat template is asked through /v1/completions,
 * and the tab says so.
 */
import {
  DEFAULT_MAX_TOKENS,
  DEFAULT_TEMPERATURE,
  MAX_TEMPERATURE,
  MAX_TOKENS_LIMIT,
  samplingSettingsSchema,
} from '@airunway/shared-client/openaiStream';
import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type KeyboardEvent, useState } from 'react';
import { type ChatTarget, usePlaygroundChat } from '../../hooks/usePlaygroundChat';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { podReadiness, podServingPort } from '../../resources/podServing';
import { ChatTranscript } from './ChatTranscript';
import { ReplicaPicker, SERVICE_VALUE } from './ReplicaPicker';

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;
type ErrorLike = { status?: number; message?: string };

export interface PlaygroundTabProps {
  deployment: ModelDeployment;
  /** The deployment's pods as the details page watches them; null while loading. */
  pods: Pod[] | null;
  podsError?: ErrorLike | null;
}

/** The name the model server serves the model under: the served name, else the model id. */
export function servedModelName(deployment: ModelDeployment): string {
  const model = deployment.spec.model ?? {};
  return model.servedName?.trim() || model.id?.trim() || '';
}

export function PlaygroundTab({ deployment, pods, podsError }: PlaygroundTabProps) {
  const { t } = useTranslation();
  const namespace = deployment.getNamespace() ?? '';
  const endpoint = deployment.status.endpoint;
  const service = endpoint?.service;
  const model = servedModelName(deployment);
  const tokensLimit = deployment.spec.engine?.contextLength ?? MAX_TOKENS_LIMIT;
  const chat = usePlaygroundChat(namespace);

  const [message, setMessage] = useState('');
  const [system, setSystem] = useState('');
  const [maxTokensDraft, setMaxTokensDraft] = useState(String(DEFAULT_MAX_TOKENS));
  const [temperatureDraft, setTemperatureDraft] = useState(String(DEFAULT_TEMPERATURE));
  const [chosenPod, setChosenPod] = useState(SERVICE_VALUE);

  const settings = samplingSettingsSchema(tokensLimit).safeParse({
    maxTokens: maxTokensDraft,
    temperature: temperatureDraft,
  });
  const badFields = new Set(
    settings.success ? [] : settings.error.issues.map(issue => String(issue.path[0]))
  );

  // A picked pod that went away or stopped being ready is not offered any more: back to the Service.
  const podList = pods ?? [];
  const pickedPod = podList.find(
    pod => pod.getName() === chosenPod && podReadiness(pod) === 'ready'
  );
  const pickerValue = pickedPod ? pickedPod.getName() : SERVICE_VALUE;

  const canSend = Boolean(service) && model !== '';

  function submit() {
    if (!canSend || !service || chat.busy || !settings.success) return;
    const text = message.trim();
    if (text === '') return;
    const target: ChatTarget = pickedPod
      ? { kind: 'pod', pod: pickedPod.getName(), port: podServingPort(pickedPod, endpoint?.port) }
      : { kind: 'service', service, port: endpoint?.port };
    chat.send(text, { model, system, settings: settings.data, target });
    setMessage('');
  }

  function onMessageKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Enter sends; Shift+Enter is a new line; Enter while an input method composes text is not a send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  if (!service) {
    return (
      <SectionBox title={t('Playground')}>
        <Alert severity="info" role="alert">
          <AlertTitle>{t('No endpoint yet')}</AlertTitle>
          {t(
            'The provider has not published an endpoint for this deployment yet (status.endpoint is empty), so there is no model server to send messages to. The playground opens once the deployment has an endpoint; the Overview tab shows its progress.'
          )}
        </Alert>
        <Box sx={{ mt: 2 }}>
          <TextField label={t('Message')} multiline minRows={2} fullWidth disabled value="" />
          <Button variant="contained" disabled sx={{ mt: 1 }}>
            {t('Send')}
          </Button>
        </Box>
      </SectionBox>
    );
  }

  const endpointText = endpoint?.port !== undefined ? `${service}:${endpoint.port}` : service;

  return (
    <SectionBox title={t('Playground')}>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {model
          ? t(
              'Model {{model}} at {{endpoint}}, reached through the Kubernetes API server with your own credentials.',
              { model, endpoint: endpointText }
            )
          : t('Endpoint {{endpoint}}', { endpoint: endpointText })}
      </Typography>
      {!model && (
        <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
          {t(
            'The deployment names no model (spec.model.servedName or spec.model.id), so there is no model name to send.'
          )}
        </Alert>
      )}
      {chat.completionsMode && (
        <Alert severity="info" role="alert" sx={{ mb: 2 }}>
          <AlertTitle>{t('Completions mode')}</AlertTitle>
          {t(
            'This model has no chat template, so the playground uses /v1/completions: the conversation is sent as one plain-text prompt and the model continues it.'
          )}
        </Alert>
      )}

      <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" alignItems="flex-start">
        <ReplicaPicker
          service={service}
          pods={podList}
          value={pickerValue}
          onChange={setChosenPod}
          disabled={chat.busy}
        />
        <TextField
          size="small"
          label={t('Max tokens')}
          value={maxTokensDraft}
          onChange={event => setMaxTokensDraft(event.target.value)}
          error={badFields.has('maxTokens')}
          helperText={
            badFields.has('maxTokens')
              ? t('Enter a whole number from 1 to {{max}}.', { max: tokensLimit })
              : t('Longest answer, in tokens')
          }
          inputProps={{ inputMode: 'numeric' }}
          sx={{ width: 200 }}
        />
        <TextField
          size="small"
          label={t('Temperature')}
          value={temperatureDraft}
          onChange={event => setTemperatureDraft(event.target.value)}
          error={badFields.has('temperature')}
          helperText={
            badFields.has('temperature')
              ? t('Enter a number from 0 to {{max}}.', { max: MAX_TEMPERATURE })
              : t('0 is the most predictable')
          }
          inputProps={{ inputMode: 'decimal' }}
          sx={{ width: 200 }}
        />
      </Stack>
      {podsError && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('The pods could not be listed ({{message}}), so only the Service can be asked.', {
            message: podsError.message ?? podsError.status ?? '',
          })}
        </Typography>
      )}
      <TextField
        size="small"
        label={t('System prompt (optional)')}
        value={system}
        onChange={event => setSystem(event.target.value)}
        multiline
        maxRows={4}
        fullWidth
        sx={{ mt: 2 }}
      />

      <ChatTranscript turns={chat.turns} namespace={namespace} />

      <Typography variant="body2" role="status" sx={{ mb: 1 }}>
        {chat.busy ? t('The model is answering…') : ''}
      </Typography>
      <Box
        component="form"
        onSubmit={event => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField
          label={t('Message')}
          value={message}
          onChange={event => setMessage(event.target.value)}
          onKeyDown={onMessageKeyDown}
          multiline
          minRows={2}
          maxRows={10}
          fullWidth
          disabled={!canSend}
          helperText={t('Enter sends; Shift+Enter starts a new line.')}
        />
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button
            type="submit"
            variant="contained"
            disabled={!canSend || chat.busy || message.trim() === ''}
          >
            {t('Send')}
          </Button>
          <Button variant="outlined" onClick={chat.stop} disabled={!chat.busy}>
            {t('Stop')}
          </Button>
          <Button onClick={chat.clear} disabled={chat.turns.length === 0}>
            {t('Clear conversation')}
          </Button>
        </Stack>
      </Box>
    </SectionBox>
  );
}
