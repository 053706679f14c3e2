/**
 * The GGUF files of one HuggingFace repo, asked for only when the user opens this panel: pick a file, then
 * "Deploy with llama.cpp" opens the create page with the repo, the engine and the file in its query string,
 * where the AIKit picker starts in "build from a GGUF file" with both preselected.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useGgufFiles } from '../../hooks/useAikit';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { formatFileSize, ggufQuantization } from './ggufFiles';
import { isProxyUnavailable } from './proxyErrors';

function FilesError({ error }: { error: Error }) {
  const { t } = useTranslation();
  if (isProxyUnavailable(error)) {
    return (
      <Alert severity="info" role="alert">
        {t(
          'Listing GGUF files needs the AI Runway proxy, which is not reachable on this cluster. The curated catalog and the Deploy buttons keep working without it.'
        )}
      </Alert>
    );
  }
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{t('The GGUF files could not be listed')}</AlertTitle>
      {error.message}
    </Alert>
  );
}

export function GgufFilesPanel(props: { id: string; repo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const paths = useAirunwayPaths();
  const files = useGgufFiles(props.repo);
  const [chosen, setChosen] = useState('');
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // A new repo: nothing chosen, and keyboard focus follows the control that opened the list.
  useEffect(() => {
    setChosen('');
    heading.current?.focus();
  }, [props.repo]);

  const list = files.data?.files ?? [];
  const deployLabel = t('Deploy with llama.cpp');
  return (
    <Paper
      id={props.id}
      variant="outlined"
      component="section"
      aria-labelledby={headingId}
      sx={{ p: 2, mt: 2 }}
    >
      <Stack spacing={1.5}>
        <Typography id={headingId} ref={heading} tabIndex={-1} variant="subtitle1" component="h3">
          {t('GGUF files of {{repo}}', { repo: props.repo })}
        </Typography>
        {files.error ? (
          <FilesError error={files.error} />
        ) : files.isPending ? (
          <Typography variant="body2" role="status">
            {t('Listing the GGUF files…')}
          </Typography>
        ) : list.length === 0 ? (
          <Typography variant="body2" role="status">
            {t('{{repo}} has no GGUF files.', { repo: props.repo })}
          </Typography>
        ) : (
          <RadioGroup
            aria-labelledby={headingId}
            name={`${props.id}-file`}
            value={chosen}
            onChange={event => setChosen(event.target.value)}
          >
            {list.map(file => {
              const quantization = ggufQuantization(file.filename);
              return (
                <FormControlLabel
                  key={file.filename}
                  value={file.filename}
                  control={<Radio size="small" />}
                  label={
                    quantization
                      ? t('{{file}} · {{size}} · {{quantization}}', {
                          file: file.filename,
                          size: formatFileSize(file.size),
                          quantization,
                        })
                      : t('{{file}} · {{size}}', {
                          file: file.filename,
                          size: formatFileSize(file.size),
                        })
                  }
                />
              );
            })}
          </RadioGroup>
        )}
        <Stack direction="row" spacing={1} alignItems="center">
          {chosen ? (
            <Button
              component={RouterLink}
              to={paths.createDeployment({ model: props.repo, engine: 'llamacpp', gguf: chosen })}
              variant="contained"
              size="small"
            >
              {deployLabel}
            </Button>
          ) : (
            list.length > 0 && (
              <Button variant="contained" size="small" disabled>
                {deployLabel}
              </Button>
            )
          )}
          <Button size="small" onClick={props.onClose}>
            {t('Close the GGUF file list')}
          </Button>
          {!chosen && list.length > 0 && (
            <Typography variant="body2">{t('Choose a file to deploy.')}</Typography>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** Opens (or closes) the GGUF file list of one search result; the list itself is asked for only then. */
export function GgufFilesToggle(props: {
  repo: string;
  open: boolean;
  panelId: string;
  onToggle: (button: HTMLButtonElement) => void;
}) {
  const { t } = useTranslation();
  return (
    <Button
      variant="outlined"
      size="small"
      aria-label={t('GGUF files of {{repo}}', { repo: props.repo })}
      aria-expanded={props.open}
      aria-controls={props.open ? props.panelId : undefined}
      onClick={event => props.onToggle(event.currentTarget)}
    >
      {t('GGUF files')}
    </Button>
  );
}
