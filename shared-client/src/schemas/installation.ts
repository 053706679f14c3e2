// The Helm-backed additions to the installation shapes (release state, pinned version, pending) live in
// proxy.ts beside the base shapes, so the endpoint table and the client keep them; re-exported here for
// the modules that import them by this name.
export {
  HELM_RELEASE_STATUSES,
  HelmReleaseInfoSchema,
  HelmReleaseStatusSchema,
  PENDING_RELEASE_STATUSES,
  ProviderReleaseStatusResponseSchema,
} from './proxy';
export type { HelmReleaseInfo, HelmReleaseStatus, ProviderReleaseStatusResponse } from './proxy';
