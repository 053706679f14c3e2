import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ErrorBoundary } from '../common/ErrorBoundary';

export interface AllocationDatum {
  name: string;
  allocated: number;
  available: number;
}

/**
 * Stacked allocated/available GPUs per node or pool. recharts comes from Headlamp at run time. The same
 * numbers are in the tables below, so the chart is a figure with a caption rather than the only source.
 */
export function AllocationChart(props: { title: string; data: AllocationDatum[] }) {
  const { t } = useTranslation();
  const theme = useTheme();
  if (props.data.length === 0) return null;
  return (
    <figure style={{ margin: 0 }}>
      <Typography component="figcaption" variant="subtitle2">
        {props.title}
      </Typography>
      <ErrorBoundary what={props.title}>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={props.data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="allocated"
              name={t('Allocated GPUs')}
              stackId="gpus"
              fill={theme.palette.primary.main}
            />
            <Bar
              dataKey="available"
              name={t('Available GPUs')}
              stackId="gpus"
              fill={theme.palette.success.main}
            />
          </BarChart>
        </ResponsiveContainer>
      </ErrorBoundary>
    </figure>
  );
}
