import { Route, Routes } from 'react-router';
import { RequireAuth } from '../auth/require-auth';
import { SignInPage } from '../auth/sign-in-page';
import { DashboardPage } from '../dashboard/dashboard-page';
import { DirectoryPage } from '../directory/directory-page';
import { UnitPage } from '../directory/unit-page';
import { AppShell } from './app-shell';
import { HomePage } from './home-page';
import { rolesFor } from './navigation';
import { NotFoundPage } from './not-found-page';

export function App() {
  return (
    <AppShell>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="/"
          element={
            <RequireAuth roles={rolesFor('/')}>
              <HomePage />
            </RequireAuth>
          }
        />
        <Route
          path="/units"
          element={
            <RequireAuth roles={rolesFor('/units')}>
              <DirectoryPage />
            </RequireAuth>
          }
        />
        <Route
          path="/units/:unitId"
          element={
            <RequireAuth roles={rolesFor('/units')}>
              <UnitPage />
            </RequireAuth>
          }
        />
        <Route
          path="/dashboard"
          element={
            <RequireAuth roles={rolesFor('/dashboard')}>
              <DashboardPage />
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppShell>
  );
}
