/**
 * Everything the details page shows for one ModelDeployment: the object, its pods (by the controller's
 * label), and the events of the deployment and of those pods with pending reasons classified by
 * shared-client. Three watched requests (object, pods, namespace events) whatever the number of pods.
 */
import type { K8sEvent } from '@airunway/shared-client/k8s';
import { type PendingReason, pendingReasonsFromEvents } from '@airunway/shared-client/pending';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';
import { MODEL_DEPLOYMENT_POD_LABEL, ModelDeployment } from '../resources/modelDeployment';

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;
// Event is not in K8s.ResourceClasses; its module is reachable through the K8s namespace.
const Event = K8s.event.default;
type Event = InstanceType<typeof Event>;
type ErrorLike = { status?: number; message?: string };

export interface DeploymentDetails {
  deployment: ModelDeployment | null;
  deploymentError: ErrorLike | null;
  pods: Pod[] | null;
  podsError: ErrorLike | null;
  events: Event[] | null;
  eventsError: ErrorLike | null;
  pendingReasons: PendingReason[];
}

export function useDeploymentDetails(namespace: string, name: string): DeploymentDetails {
  // The object lives in one cluster (the current one); without naming it, the lists below would span every
  // cluster selected in Headlamp and mix in pods of a same-named deployment elsewhere.
  const cluster = K8s.useCluster() ?? undefined;
  const [deployment, deploymentError] = ModelDeployment.useGet(name, namespace, { cluster });
  const podList = K8s.ResourceClasses.Pod.useList({
    cluster,
    namespace,
    labelSelector: `${MODEL_DEPLOYMENT_POD_LABEL}=${name}`,
  });
  const eventList = Event.useList({ cluster, namespace });

  const podNames = useMemo(
    () => new Set((podList.items ?? []).map(pod => pod.metadata.name)),
    [podList.items]
  );

  // Only this deployment's events and its pods' events; newest first.
  const events = useMemo(() => {
    if (!eventList.items) return null;
    return eventList.items
      .filter(event => {
        const involved = event.jsonData.involvedObject ?? {};
        if (involved.kind === 'ModelDeployment') return involved.name === name;
        return involved.kind === 'Pod' && podNames.has(involved.name);
      })
      .sort((a, b) => eventTime(b) - eventTime(a));
  }, [eventList.items, podNames, name]);

  // Scheduling events of pods that have since started are history, not a reason anything is pending now.
  const pendingPodNames = useMemo(
    () =>
      new Set(
        (podList.items ?? [])
          .filter(pod => pod.status?.phase === 'Pending')
          .map(pod => pod.metadata.name)
      ),
    [podList.items]
  );

  const pendingReasons = useMemo(() => {
    if (!events) return [];
    const podEvents = events
      .filter(
        event =>
          event.jsonData.involvedObject?.kind === 'Pod' &&
          pendingPodNames.has(event.jsonData.involvedObject.name)
      )
      .map(event => event.jsonData as unknown as K8sEvent);
    return pendingReasonsFromEvents(podEvents);
  }, [events, pendingPodNames]);

  return {
    deployment,
    deploymentError,
    pods: podList.items,
    podsError: podList.errors?.[0] ?? null,
    events,
    eventsError: eventList.errors?.[0] ?? null,
    pendingReasons,
  };
}

function eventTime(event: Event): number {
  const data = event.jsonData as unknown as K8sEvent;
  const text = data.lastTimestamp ?? data.eventTime ?? data.metadata?.creationTimestamp;
  const millis =
    typeof text === 'string' ? Date.parse(text) : text instanceof Date ? text.getTime() : NaN;
  return Number.isNaN(millis) ? 0 : millis;
}
