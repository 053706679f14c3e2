import { HfTokenSchema, NamespaceNameSchema } from '@airunway/shared-client/schemas/identifiers';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Button from '@mui/material/Button';
import DialogContentText from '@mui/material/DialogContentText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { hfTokenStatusKey, useHfTokenStatus } from '../../hooks/useHfTokenStatus';
import { ConfirmActionDialog } from '../runtimes/ConfirmActionDialog';
import { HfSignIn } from './HfSignIn';
import {
  deleteHfToken,
  eachNamespace,
  HF_TOKEN_SECRET,
  type NamespaceResult,
  saveHfToken,
} from './hfTokenSecret';
import { HfTokenResults, HfTokenStatusList } from './HfTokenStatusList';

function parseNamespaces(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/**
 * The HuggingFace token as the Secret hf-token (key HF_TOKEN) in the namespaces the user picks, either by
 * signing in with HuggingFace (the callback page saves the token) or by pasting one. A pasted token lives
 * in this form's state only until Save, then goes to the API server and is cleared.
 */
export function HfTokenSection(props: { defaultNamespace?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Follows the cluster's default namespace (which loads after first render) until the user types.
  const [editedNamespaces, setNamespacesText] = useState<string | null>(null);
  const namespacesText = editedNamespaces ?? props.defaultNamespace ?? 'default';
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [results, setResults] = useState<{
    verb: 'create' | 'delete';
    items: NamespaceResult[];
  } | null>(null);

  const namespaces = parseNamespaces(namespacesText);
  const badNamespace = namespaces.find(ns => !NamespaceNameSchema.safeParse(ns).success);
  const { cluster, statuses } = useHfTokenStatus(badNamespace ? [] : namespaces);
  const tokenInvalid = token !== '' && !HfTokenSchema.safeParse(token).success;
  const namespacesOk = namespaces.length > 0 && !badNamespace;

  async function run(verb: 'create' | 'delete', action: (namespace: string) => Promise<void>) {
    setBusy(true);
    setResults(null);
    try {
      setResults({ verb, items: await eachNamespace(namespaces, action) });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: hfTokenStatusKey(cluster) });
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    if (!namespacesOk || token === '' || tokenInvalid) return;
    const value = token;
    // Out of component state before the requests start; only this closure holds it until they finish.
    setToken('');
    void run('create', namespace => saveHfToken(namespace, value));
  }

  return (
    <Stack
      spacing={2}
      component="form"
      aria-label={t('HuggingFace token')}
      onSubmit={save}
      noValidate
    >
      <TextField
        size="small"
        label={t('Namespaces')}
        value={namespacesText}
        error={Boolean(badNamespace)}
        helperText={
          badNamespace
            ? t('{{badNamespace}} is not a valid namespace name', { badNamespace })
            : t('Separate several namespaces with commas; each gets its own Secret {{name}}', {
                name: HF_TOKEN_SECRET.name,
              })
        }
        onChange={event => {
          setNamespacesText(event.target.value);
          setResults(null);
        }}
      />
      <HfTokenStatusList statuses={statuses} />
      <HfSignIn namespaces={namespaces} namespacesOk={namespacesOk} />
      <TextField
        size="small"
        type="password"
        label={t('HuggingFace access token')}
        value={token}
        error={tokenInvalid}
        helperText={
          tokenInvalid
            ? t('This is not a HuggingFace access token (letters, digits and ._~+/=- only)')
            : t('Stored only in the Secrets, key {{key}}; never in the browser', {
                key: HF_TOKEN_SECRET.key,
              })
        }
        inputProps={{ autoComplete: 'off' }}
        onChange={event => setToken(event.target.value.trim())}
      />
      <Stack direction="row" spacing={1}>
        <Button
          type="submit"
          variant="contained"
          disabled={busy || !namespacesOk || token === '' || tokenInvalid}
        >
          {t('Save token')}
        </Button>
        <Button
          variant="outlined"
          color="error"
          disabled={busy || !namespacesOk}
          onClick={() => setConfirmDelete(true)}
        >
          {t('Delete token')}
        </Button>
      </Stack>
      {results && <HfTokenResults verb={results.verb} results={results.items} />}
      <ConfirmActionDialog
        open={confirmDelete}
        title={t('Delete the HuggingFace token?')}
        confirmLabel={t('Delete token')}
        onConfirm={() => void run('delete', deleteHfToken)}
        onClose={() => setConfirmDelete(false)}
      >
        <DialogContentText>
          {t(
            'This deletes Secret {{name}} in {{namespaces}}. Deployments there that download gated models will fail to start.',
            { name: HF_TOKEN_SECRET.name, namespaces: namespaces.join(', ') }
          )}
        </DialogContentText>
      </ConfirmActionDialog>
    </Stack>
  );
}
