import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/**
 * A helper panel inside the create form (Suggest configuration, AIKit image): a labelled section that
 * says in one sentence what it does, then its controls. The section's label is its accessible name.
 */
export function FormPanel(props: { label: string; intro: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={props.label} sx={{ p: 2, mb: 2 }}>
      <Stack spacing={1.5}>
        <Typography variant="body2">{props.intro}</Typography>
        {props.children}
      </Stack>
    </Paper>
  );
}
