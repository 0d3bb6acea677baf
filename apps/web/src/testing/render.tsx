import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { AuthProvider } from '../auth/auth-context';
import { setUpI18n } from '../i18n/i18n';
import type { Language } from '../i18n/resources';

/** Renders a screen with the providers main.tsx gives it, at a path, in a language. */
export async function renderScreen(ui: ReactElement, { path = '/', language = 'vi' as Language } = {}) {
  const i18n = await setUpI18n(language);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          <AuthProvider>{ui}</AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

/** Signs a staff member in for the screens behind RequireAuth: a token the app can read (the services check signatures). */
export function signInAs(sub: string, roles: string[]) {
  const part = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  sessionStorage.setItem(
    'hailong.accessToken',
    `${part({ alg: 'none' })}.${part({ sub, roles, exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`,
  );
}

/** A JSON answer of a service, for a stubbed fetch. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
