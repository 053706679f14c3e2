/**
 * The conversation so far: each question, and each answer as it streams in with who answered it (the
 * Service or a named pod), whether completions mode was used, and why it ended.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useLayoutEffect, useRef } from 'react';
import type { AssistantTurn, ChatTurn } from '../../hooks/usePlaygroundChat';
import { ChatErrorAlert } from './ChatErrorAlert';

export function ChatTranscript(props: { turns: ChatTurn[]; namespace: string }) {
  const { t } = useTranslation();
  const { turns, namespace } = props;

  // Stay at the newest text while it streams, unless the user scrolled up to read.
  const ref = useRef<HTMLElement>(null);
  const stickToBottom = useRef(true);
  const last = turns[turns.length - 1];
  const lastLength = last ? last.content.length : 0;
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [turns.length, lastLength]);

  if (turns.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ my: 2 }}>
        {t('No messages yet. Write a message below and press Enter to send it.')}
      </Typography>
    );
  }
  return (
    // Focusable so keyboard users can scroll it; not live: the status line below announces progress.
    <Box
      ref={ref}
      role="log"
      aria-live="off"
      aria-label={t('Conversation')}
      tabIndex={0}
      onScroll={() => {
        const el = ref.current;
        if (el) stickToBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 16;
      }}
      sx={{ maxHeight: 560, overflow: 'auto', my: 2, pr: 1 }}
    >
      <Stack spacing={2}>
        {turns.map(turn =>
          turn.role === 'user' ? (
            <Box
              key={turn.id}
              component="section"
              aria-label={t('Your message')}
              sx={{ alignSelf: 'flex-end', maxWidth: '85%' }}
            >
              <Typography variant="caption" component="p" color="text.secondary">
                {t('You')}
              </Typography>
              <Typography
                component="p"
                data-testid="user-message"
                sx={{
                  whiteSpace: 'pre-wrap',
                  bgcolor: 'action.selected',
                  borderRadius: 1,
                  px: 1.5,
                  py: 1,
                }}
              >
                {turn.content}
              </Typography>
            </Box>
          ) : (
            <AnswerView key={turn.id} turn={turn} namespace={namespace} />
          )
        )}
      </Stack>
    </Box>
  );
}

function AnswerView({ turn, namespace }: { turn: AssistantTurn; namespace: string }) {
  const { t } = useTranslation();
  const via =
    turn.target.kind === 'pod'
      ? t('Answered by pod {{pod}}', { pod: turn.target.pod })
      : t('Through Service {{service}} (the Service chose the replica)', {
          service: turn.target.service,
        });
  const notes: string[] = [];
  if (turn.mode === 'completions') notes.push(t('completions mode'));
  if (turn.state === 'stopped') notes.push(t('stopped'));
  if (turn.finishReason === 'length') notes.push(t('cut off at the max tokens limit'));
  if (turn.incomplete) notes.push(t('the stream ended early; the answer may be incomplete'));
  if (turn.unreadable > 0) {
    notes.push(t('{{count}} unreadable events skipped', { count: turn.unreadable }));
  }
  if (turn.usage?.completionTokens !== undefined) {
    notes.push(t('{{count}} tokens', { count: turn.usage.completionTokens }));
  }

  return (
    <Box component="section" aria-label={t('Model answer')} sx={{ maxWidth: '85%' }}>
      <Typography variant="caption" component="p" color="text.secondary">
        {t('Model')} · {via}
        {notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}
      </Typography>
      {turn.state === 'waiting' ? (
        <Stack direction="row" spacing={1} alignItems="center" sx={{ py: 1 }}>
          <CircularProgress size={16} aria-label={t('Waiting for the model')} />
          <Typography variant="body2">{t('Waiting for the model…')}</Typography>
        </Stack>
      ) : (
        (turn.content !== '' || turn.state !== 'error') && (
          <Typography
            component="p"
            data-testid="answer"
            sx={{
              whiteSpace: 'pre-wrap',
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              px: 1.5,
              py: 1,
            }}
          >
            {turn.content}
          </Typography>
        )
      )}
      {turn.error && (
        <Box sx={{ mt: 1 }}>
          <ChatErrorAlert error={turn.error} target={turn.target} namespace={namespace} />
        </Box>
      )}
    </Box>
  );
}
