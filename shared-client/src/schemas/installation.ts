import { z } from 'zod';
import { ProviderStatusResponseSchema } from './proxy';

// Additions to the installation shapes of proxy.ts. The base shapes follow the reference API; these
// add what the Helm-backed proxy knows beyond it. Clients that parse with the base schemas simply
// drop the extra fields.

/** Helm's release states (`helm status -o json` → info.status). */
export const HELM_RELEASE_STATUSES = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
] as const;
export const HelmReleaseStatusSchema = z.enum(HELM_RELEASE_STATUSES);
export type HelmReleaseStatus = z.infer<typeof HelmReleaseStatusSchema>;

export const PENDING_RELEASE_STATUSES: readonly HelmReleaseStatus[] = [
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
];

export const HelmReleaseInfoSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  /** Present when the release exists. */
  status: HelmReleaseStatusSchema.optional(),
  revision: z.number().int().min(0).optional(),
  /** `<chart>-<version>` as helm lists it. */
  chart: z.string().optional(),
  chartVersion: z.string().optional(),
  appVersion: z.string().optional(),
});
export type HelmReleaseInfo = z.infer<typeof HelmReleaseInfoSchema>;

/** GET /installation/providers/:id/status as the Helm-backed proxy answers it. */
export const ProviderReleaseStatusResponseSchema = ProviderStatusResponseSchema.extend({
  release: HelmReleaseInfoSchema.optional(),
  /** The chart version this proxy installs and upgrades to. */
  pinnedVersion: z.string().optional(),
  /** Whether the release is stuck in a pending-* state (the next install/upgrade/uninstall recovers it). */
  pending: z.boolean().optional(),
});
export type ProviderReleaseStatusResponse = z.infer<typeof ProviderReleaseStatusResponseSchema>;
