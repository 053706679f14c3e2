import { applyPatch, type Recommendation } from '@airunway/shared-client/advisor';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEnumLabels } from '../common/enumLabels';
import { SpecDiff } from './SpecDiff';

/**
 * Recommendations as concrete ModelDeployment changes: what, why, expected effect, risks and the diff.
 * Proposing records it for approval; nothing changes on the deployment until it is approved and applied.
 */
export function RecommendationsSection(props: {
  recommendations: Recommendation[];
  spec: Record<string, unknown>;
  /** Types with an open (not finished) record: proposing them again would duplicate it. */
  openTypes: ReadonlySet<string>;
  canPropose: boolean;
  busy: boolean;
  onPropose: (recommendation: Recommendation) => void;
}) {
  const { t } = useTranslation();
  const labels = useEnumLabels();
  return (
    <SectionBox title={t('Recommendations')}>
      {props.recommendations.length === 0 ? (
        <Typography variant="body2">{t('Nothing to recommend for the current window.')}</Typography>
      ) : (
        <Stack spacing={2}>
          {props.recommendations.map(rec => {
            const open = props.openTypes.has(rec.type);
            return (
              <Box
                key={rec.type}
                component="article"
                aria-label={rec.title}
                sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
              >
                <Typography variant="h6" component="h3">
                  {rec.title} ({labels.recommendation[rec.type]}, {labels.severity[rec.priority]})
                </Typography>
                <Typography variant="body2">{rec.rationale}</Typography>
                <Typography variant="body2">
                  <strong>{t('Expected effect')}:</strong> {rec.expectedEffect}
                </Typography>
                <Typography variant="body2">
                  <strong>{t('Risks')}:</strong> {rec.risks.join('; ')}
                </Typography>
                {rec.changesIdentityField && (
                  <Alert severity="warning" sx={{ my: 1 }}>
                    {t(
                      'This changes an identity field: applying it deletes and recreates the deployment.'
                    )}
                  </Alert>
                )}
                <SpecDiff
                  before={props.spec}
                  after={applyPatch(props.spec, rec.patch)}
                  caption={t('Changes proposed by {{title}}', { title: rec.title })}
                />
                <Button
                  sx={{ mt: 1 }}
                  variant="outlined"
                  disabled={!props.canPropose || open || props.busy}
                  onClick={() => props.onPropose(rec)}
                >
                  {open ? t('Already proposed') : t('Propose for approval')}
                </Button>
              </Box>
            );
          })}
        </Stack>
      )}
    </SectionBox>
  );
}
