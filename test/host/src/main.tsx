// Host page entry: see test/host/README.md for what differs from Headlamp's full app.
// The plugin loader first, as in Headlamp's own entry: it sets window.pluginLib, and evaluating it before the
// store and components keeps the lib's circular imports in the order Headlamp's build has them.
import '@kinvolk/headlamp-plugin/lib/plugin/index.js';
import { lightTheme } from '@kinvolk/headlamp-plugin/lib/components/App/defaultAppThemes.js';
import RouteSwitcher from '@kinvolk/headlamp-plugin/lib/components/App/RouteSwitcher.js';
import Sidebar from '@kinvolk/headlamp-plugin/lib/components/Sidebar/Sidebar.js';
import { createMuiTheme } from '@kinvolk/headlamp-plugin/lib/lib/themes.js';
import { fetchAndExecutePlugins } from '@kinvolk/headlamp-plugin/lib/plugin/index.js';
import { setConfig } from '@kinvolk/headlamp-plugin/lib/redux/configSlice.js';
import store from '@kinvolk/headlamp-plugin/lib/redux/stores/store.js';
import { Box, CssBaseline, ThemeProvider } from '@mui/material';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router-dom';

const queryClient = new QueryClient();

function Host() {
  return (
    <Provider store={store}>
      <ThemeProvider theme={createMuiTheme(lightTheme)}>
        <CssBaseline />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Box display="flex">
              <Sidebar />
              <Box component="main" flexGrow={1} p={2}>
                <RouteSwitcher requestClusters={() => {}} />
              </Box>
            </Box>
          </BrowserRouter>
        </QueryClientProvider>
      </ThemeProvider>
    </Provider>
  );
}

/** What Headlamp's Layout does on start: the backend's cluster list into the store. */
async function loadClusters() {
  const config = await (await fetch('/config')).json();
  const clusters = Object.fromEntries(config.clusters.map((c: { name: string }) => [c.name, c]));
  store.dispatch(setConfig({ clusters }));
}

Promise.allSettled([
  loadClusters(),
  fetchAndExecutePlugins(
    [],
    () => {},
    () => {}
  ),
]).then(results => {
  for (const r of results) if (r.status === 'rejected') console.error('host start-up:', r.reason);
  createRoot(document.getElementById('root')!).render(<Host />);
});
