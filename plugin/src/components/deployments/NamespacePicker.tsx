import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { useNamespaceNames } from '../../hooks/useNamespaceNames';

const ALL = '';

/**
 * "All namespaces" or one. A select when the user may list namespaces, otherwise a text field (many users
 * may only see their own namespaces and cannot list them).
 */
export function NamespacePicker(props: { value: string; onChange: (namespace: string) => void }) {
  const { t } = useTranslation();
  const { names, unavailable } = useNamespaceNames();
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);

  if (unavailable) {
    return (
      <TextField
        size="small"
        label={t('Namespace')}
        placeholder={t('All namespaces')}
        helperText={t('Press Enter to apply; leave empty for all namespaces')}
        value={draft}
        onChange={event => setDraft(event.target.value)}
        onKeyDown={event => {
          if (event.key === 'Enter') props.onChange(draft.trim());
        }}
        onBlur={() => props.onChange(draft.trim())}
      />
    );
  }
  const options = props.value && !names.includes(props.value) ? [props.value, ...names] : names;
  return (
    <TextField
      select
      size="small"
      label={t('Namespace')}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      sx={{ minWidth: 220 }}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      <MenuItem value={ALL}>{t('All namespaces')}</MenuItem>
      {options.map(name => (
        <MenuItem key={name} value={name}>
          {name}
        </MenuItem>
      ))}
    </TextField>
  );
}
