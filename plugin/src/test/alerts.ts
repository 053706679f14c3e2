import { waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';

/**
 * The alert that says `text`, once it does. A page can show more than one alert, or an alert whose text
 * arrives a render later, so "the first alert" is not a stable thing to assert on: this waits for the one
 * with the words the user needs, and fails (after the configured wait) if none ever says them.
 */
export async function findAlert(
  text: string | RegExp,
  container: HTMLElement = document.body
): Promise<HTMLElement> {
  let found: HTMLElement | undefined;
  await waitFor(() => {
    found = within(container)
      .getAllByRole('alert')
      .find(alert =>
        typeof text === 'string'
          ? (alert.textContent ?? '').includes(text)
          : text.test(alert.textContent ?? '')
      );
    expect(found, `an alert saying ${String(text)}`).toBeDefined();
  });
  return found as HTMLElement;
}
