import { diffSpec } from '@airunway/shared-client/advisor';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** The fields a change touches, old and new value side by side. */
export function SpecDiff(props: {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  caption: string;
}) {
  const { t } = useTranslation();
  const changes = diffSpec(props.before, props.after);
  return (
    <Table size="small" aria-label={props.caption}>
      <TableHead>
        <TableRow>
          <TableCell>{t('Field')}</TableCell>
          <TableCell>{t('Now')}</TableCell>
          <TableCell>{t('After')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map(change => (
          <TableRow key={change.path}>
            <TableCell>
              <code>spec.{change.path}</code>
            </TableCell>
            <TableCell>{show(change.before)}</TableCell>
            <TableCell>{show(change.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
