import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useId, useState } from 'react';

/** The commands that do the same install by hand, behind a toggle, with a copy button. */
export function ManualCommands(props: { commands: readonly string[]; subject: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const id = useId();
  const text = props.commands.join('\n');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Clipboard access can be denied (insecure context); the text stays selectable.
      setCopied(false);
    }
  }

  return (
    <Box>
      <Button
        size="small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(value => !value)}
      >
        {open
          ? t('Hide manual commands for {{subject}}', { subject: props.subject })
          : t('Show manual commands for {{subject}}', { subject: props.subject })}
      </Button>
      {open && (
        <Box
          id={id}
          role="region"
          aria-label={t('Manual commands for {{subject}}', { subject: props.subject })}
        >
          <Box
            component="pre"
            tabIndex={0}
            sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', p: 1, bgcolor: 'action.hover' }}
          >
            {text}
          </Box>
          <Button size="small" variant="outlined" onClick={copy}>
            {t('Copy commands')}
          </Button>
          <span role="status">{copied ? ` ${t('Copied')}` : ''}</span>
        </Box>
      )}
    </Box>
  );
}
