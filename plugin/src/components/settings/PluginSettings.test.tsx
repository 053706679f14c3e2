import '../../test/setup';
import { lightTheme } from '@kinvolk/headlamp-plugin/lib/components/App/defaultAppThemes';
import { createMuiTheme } from '@kinvolk/headlamp-plugin/lib/lib/themes';
import store from '@kinvolk/headlamp-plugin/lib/redux/stores/store';
import { ThemeProvider } from '@mui/material/styles';
import { fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { describe, expect, it, vi } from 'vitest';
import { pluginConfig } from '../../proxy/location';
import { seriousA11yViolations } from '../../test/a11y';
import { PluginSettings } from './PluginSettings';

vi.mock('../../hooks/useClusterNames', () => ({ useClusterNames: () => ['kind-a', 'kind-b'] }));

describe("Headlamp's plugin settings screen", () => {
  it('sets the proxy location of the chosen cluster (the screen has no cluster in its URL)', async () => {
    pluginConfig.set({});
    const { container } = render(
      <Provider store={store}>
        <ThemeProvider theme={createMuiTheme(lightTheme)}>
          <PluginSettings />
        </ThemeProvider>
      </Provider>
    );
    expect(await screen.findByLabelText('Namespace')).toHaveValue('airunway-system');
    fireEvent.change(screen.getByLabelText('Service name'), { target: { value: 'runway' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy location' }));
    expect(await screen.findByText(/Saved for cluster kind-a/)).toBeInTheDocument();
    expect(pluginConfig.get()).toEqual({
      clusters: { 'kind-a': { namespace: 'airunway-system', service: 'runway', port: 'http' } },
    });
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
