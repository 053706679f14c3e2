import '../../test/setup';
import { CATEGORY_GUIDANCE } from '@airunway/shared-client/pending';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useEnumLabels } from './enumLabels';

describe('useEnumLabels', () => {
  it("gives pending reasons shared-client's advice, word for word, in the English catalog", async () => {
    const { result } = renderHook(() => useEnumLabels());
    // Headlamp's i18n loads the plugin's catalog asynchronously.
    await waitFor(() => expect(result.current.pendingGuidance.other).not.toBe(''));
    expect(result.current.pendingGuidance).toEqual(CATEGORY_GUIDANCE);
  });
});
