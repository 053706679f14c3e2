/**
 * Where a message goes: the deployment's Service (which picks a ready replica), or one replica to compare
 * them. Every pod is listed with its readiness (Ready condition); only ready pods can be picked.
 */
import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { type PodReadiness, podReadiness } from '../../resources/podServing';

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;

/** The value of the Service entry; pod entries use the pod name (never empty). */
export const SERVICE_VALUE = '';

export function ReplicaPicker(props: {
  service: string;
  pods: Pod[];
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const readinessText: Record<PodReadiness, string> = {
    ready: t('Ready'),
    'not-ready': t('Not ready'),
    terminating: t('Terminating'),
  };
  return (
    <TextField
      select
      size="small"
      label={t('Send to')}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      disabled={props.disabled}
      helperText={
        props.value === SERVICE_VALUE
          ? t('The Service spreads requests over ready replicas.')
          : t('Only this replica answers (through pods/proxy).')
      }
      SelectProps={{ displayEmpty: true }}
      // The Service entry's value is '' (pod names never are): keep the label above it, not over it.
      InputLabelProps={{ shrink: true }}
      sx={{ minWidth: 280 }}
    >
      <MenuItem value={SERVICE_VALUE}>
        <ListItemText
          primary={t('Service {{service}}', { service: props.service })}
          secondary={t('any ready replica')}
        />
      </MenuItem>
      {props.pods.map(pod => {
        const readiness = podReadiness(pod);
        return (
          <MenuItem key={pod.getName()} value={pod.getName()} disabled={readiness !== 'ready'}>
            <ListItemText primary={pod.getName()} secondary={readinessText[readiness]} />
          </MenuItem>
        );
      })}
    </TextField>
  );
}
