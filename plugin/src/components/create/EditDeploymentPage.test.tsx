import '../../test/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { modelDeployment } from '../../test/fixtures';
import { getList, server } from '../../test/k8s';
import { renderPage } from '../../test/render';
import { EditDeploymentPage } from './EditDeploymentPage';

const OBJECT = '/apis/airunway.ai/v1alpha1/namespaces/team-a/modeldeployments/qwen';

/** The object as the API server has it: resourceVersion 42, server-owned fields included. */
function stored() {
  const md = modelDeployment('qwen');
  return {
    ...md,
    metadata: {
      ...md.metadata,
      resourceVersion: '42',
      generation: 3,
      labels: { team: 'a' },
      managedFields: [{ manager: 'kubectl', operation: 'Update' }],
    },
  };
}

/** PUTs the API server received; `answer` decides each one's response. */
function apiServer(answer: (body: any) => Response) {
  const puts: { dryRun: string | null; body: any }[] = [];
  server.use(
    getList(OBJECT, () => stored()),
    http.put(`*/clusters/test-cluster${OBJECT}`, async ({ request }) => {
      const body = (await request.json()) as any;
      puts.push({ dryRun: new URL(request.url).searchParams.get('dryRun'), body });
      return answer(body);
    })
  );
  return puts;
}

function renderEdit() {
  return renderPage(<EditDeploymentPage />, {
    url: '/airunway/deployments/team-a/qwen/edit',
    route: '/airunway/deployments/:namespace/:name/edit',
  });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Edit deployment page', () => {
  it('replaces the object at the resourceVersion it was read at, keeping what the form does not show', async () => {
    const puts = apiServer(body => HttpResponse.json({ ...body, metadata: { ...body.metadata } }));
    const { container } = renderEdit();
    const replicas = await screen.findByLabelText('Replicas');
    await waitFor(() => expect(replicas).toHaveValue(2));
    // Each component's translations become ready on their own: the page's buttons may lag the fields.
    await screen.findByRole('button', { name: 'Save' });
    await screen.findByRole('link', { name: 'Cancel' });
    expect(await seriousA11yViolations(container)).toEqual([]);
    fireEvent.change(replicas, { target: { value: '3' } });
    // A config change is applied in place: no recreate warning.
    expect(screen.queryByText(/Saving this recreates the deployment/)).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));
    expect(
      await screen.findByText('The API server accepts this change (dry run: nothing was saved).')
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts).toHaveLength(2));

    expect(puts.map(put => put.dryRun)).toEqual(['All', null]);
    const body = puts[1]!.body;
    expect(body.metadata).toEqual({
      name: 'qwen',
      namespace: 'team-a',
      resourceVersion: '42',
      labels: { team: 'a' },
    });
    expect(body.spec).toEqual({ ...stored().spec, scaling: { replicas: 3 } });
    expect(body.status).toBeUndefined();
    // A long form interaction; the default 5 s is too tight on a loaded 2-core machine.
  });

  it('says a concurrent change was not overwritten (409) and keeps the edits', async () => {
    apiServer(
      () =>
        new HttpResponse(
          JSON.stringify({
            kind: 'Status',
            status: 'Failure',
            reason: 'Conflict',
            code: 409,
            message:
              'Operation cannot be fulfilled on modeldeployments.airunway.ai "qwen": the object has been modified; please apply your changes to the latest version and try again',
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } }
        )
    );
    renderEdit();
    const replicas = await screen.findByLabelText('Replicas');
    await waitFor(() => expect(replicas).toHaveValue(2));
    fireEvent.change(replicas, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await findAlert('Someone changed this ModelDeployment after you opened it')
    ).toBeVisible();
    expect(screen.getByLabelText('Replicas')).toHaveValue(5);
  });

  it('warns before saving a change of an identity field that it recreates the deployment', async () => {
    apiServer(body => HttpResponse.json(body));
    renderEdit();
    const model = await screen.findByLabelText('Model ID');
    await waitFor(() => expect(model).toHaveValue('Qwen/Qwen3-0.6B'));
    fireEvent.change(model, { target: { value: 'Qwen/Qwen2.5-7B-Instruct' } });
    expect(
      await screen.findByText(
        'Saving this recreates the deployment: model.id cannot change in place, so the controller deletes the running model and deploys it again.'
      )
    ).toBeInTheDocument();
  });
});
