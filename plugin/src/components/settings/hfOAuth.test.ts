import { describe, expect, it } from 'vitest';
import { callbackNamespaces, canReceiveRedirect } from './hfOAuth';

describe('canReceiveRedirect', () => {
  it('accepts an http(s) page without a fragment, query included', () => {
    expect(
      canReceiveRedirect('https://headlamp.example/c/prod/airunway/hf-callback?namespaces=a')
    ).toBe(true);
    expect(canReceiveRedirect('http://localhost:4466/c/local/airunway/hf-callback')).toBe(true);
  });

  it('refuses hash-routed pages and file: pages, where no OAuth server can send the browser back', () => {
    expect(
      canReceiveRedirect('http://localhost:4466/#/c/local/airunway/hf-callback?namespaces=a')
    ).toBe(false);
    expect(canReceiveRedirect('file:///opt/Headlamp/resources/frontend/index.html')).toBe(false);
  });
});

describe('callbackNamespaces', () => {
  it('keeps valid names once each and reports the first invalid one', () => {
    expect(callbackNamespaces(' team-a,team-b,team-a ')).toEqual({ valid: ['team-a', 'team-b'] });
    expect(callbackNamespaces('team-a,Bad_Name')).toEqual({ valid: [], invalid: 'Bad_Name' });
    expect(callbackNamespaces(null)).toEqual({ valid: [] });
  });
});
