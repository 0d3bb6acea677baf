import { Route, Routes } from 'react-router';
import { RequireAuth } from '../auth/require-auth';
import { SignInPage } from '../auth/sign-in-page';
import { CounterPage } from '../citizen/counter-page';
import { DashboardPage } from '../dashboard/dashboard-page';
import { DirectoryPage } from '../directory/directory-page';
import { UnitPage } from '../directory/unit-page';
import { CampaignsPage } from '../staff/campaigns-page';
import { PaperEntryPage } from '../staff/paper-entry-page';
import { QuestionnairesPage } from '../staff/questionnaires-page';
import { TabletsPage } from '../staff/tablets-page';
import { ImportPage } from '../imports/import-page';
import { TabletPage } from '../tablet/tablet-page';
import { ReinspectionPage } from '../audit/reinspection-page';
import { AppShell } from './app-shell';
import { HomePage } from './home-page';
import { rolesFor } from './navigation';
import { NotFoundPage } from './not-found-page';

export function App() {
  return (
    <AppShell>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        {/* The citizen form of a counter visit token's QR code (COUNTER_FORM_URL, token in the fragment): no sign-in. */}
        <Route path="/counter" element={<CounterPage />} />
        {/* Works offline without a session; sending asks for a surveyor's sign-in. */}
        <Route path="/tablet" element={<TabletPage />} />
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
        <Route
          path="/imports"
          element={
            <RequireAuth roles={rolesFor('/imports')}>
              <ImportPage />
            </RequireAuth>
          }
        />
        <Route
          path="/paper-entry"
          element={
            <RequireAuth roles={rolesFor('/paper-entry')}>
              <PaperEntryPage />
            </RequireAuth>
          }
        />
        <Route
          path="/campaigns"
          element={
            <RequireAuth roles={rolesFor('/campaigns')}>
              <CampaignsPage />
            </RequireAuth>
          }
        />
        <Route
          path="/questionnaires"
          element={
            <RequireAuth roles={rolesFor('/questionnaires')}>
              <QuestionnairesPage />
            </RequireAuth>
          }
        />
        <Route
          path="/tablets"
          element={
            <RequireAuth roles={rolesFor('/tablets')}>
              <TabletsPage />
            </RequireAuth>
          }
        />
        <Route
          path="/reinspection"
          element={
            <RequireAuth roles={rolesFor('/reinspection')}>
              <ReinspectionPage />
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppShell>
  );
}
