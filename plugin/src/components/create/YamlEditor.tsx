import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import TextField from '@mui/material/TextField';
import type { YamlProblem } from './useDeploymentEditor';

/**
 * The ModelDeployment as YAML, editable. A labelled textarea rather than Headlamp's Monaco editor: it
 * works with screen readers and in tests, and the object is small.
 */
export function YamlEditor(props: {
  value: string;
  error: YamlProblem | null;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('ModelDeployment YAML')}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      error={props.error !== null}
      helperText={
        props.error === null
          ? t('Edits here update the form, and form edits update this YAML.')
          : props.error.kind === 'syntax'
          ? t('The YAML does not parse, so the form is not updated: {{error}}', {
              error: props.error.message,
            })
          : t(
              'The YAML must be one object (apiVersion, kind, metadata, spec), so the form is not updated.'
            )
      }
      multiline
      minRows={20}
      fullWidth
      inputProps={{ spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } }}
    />
  );
}
