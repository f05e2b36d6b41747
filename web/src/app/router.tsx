import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { PageGuard } from './PageGuard';
import { PageSpin } from './PageSpin';
import { RouteError } from './RouteError';

// Every page is its own chunk, loaded on first visit; the shell above stays in the entry bundle.
export const router = createBrowserRouter([
  {
    ErrorBoundary: RouteError,
    HydrateFallback: () => <PageSpin fullScreen />,
    children: [
      {
        path: '/login',
        lazy: async () => ({ Component: (await import('../features/auth/LoginPage')).LoginPage }),
      },
      {
        // Open to everyone, no session (督4, 督18): outside the signed-in layout, so nothing sends them to the login page.
        path: '/public',
        lazy: async () => ({ Component: (await import('../features/public/PublicLayout')).PublicLayout }),
        children: [
          { index: true, element: <Navigate to="/public/complaints/new" replace /> },
          {
            path: 'complaints/new',
            lazy: async () => ({ Component: (await import('../features/complaints/PublicComplaintPage')).PublicComplaintPage }),
          },
          {
            path: 'complaints/track',
            lazy: async () => ({ Component: (await import('../features/complaints/PublicTrackPage')).PublicTrackPage }),
          },
          {
            path: 'rectifications',
            lazy: async () => ({ Component: (await import('../features/disclosures/PublicRectificationsPage')).PublicRectificationsPage }),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
      {
        path: '/',
        Component: AppLayout,
        children: [
          {
            ErrorBoundary: RouteError,
            children: [
              { index: true, lazy: async () => ({ Component: (await import('./HomePage')).HomePage }) },
              {
                path: 'regions/:code?',
                lazy: async () => ({ Component: (await import('../features/regions/RegionsPage')).RegionsPage }),
              },
              {
                path: 'assessment-units',
                lazy: async () => ({
                  Component: (await import('../features/regions/AssessmentUnitsPage')).AssessmentUnitsPage,
                }),
              },
              {
                path: 'units',
                lazy: async () => ({ Component: (await import('../features/units/UnitsPage')).UnitsPage }),
              },
              {
                path: 'people/:personId?',
                lazy: async () => ({ Component: (await import('../features/people/PeoplePage')).PeoplePage }),
              },
              {
                path: 'inspections',
                lazy: async () => ({ Component: (await import('../features/inspections/InspectionsPage')).InspectionsPage }),
              },
              {
                path: 'supervision-work',
                lazy: async () => ({ Component: (await import('../features/supervisions/SupervisionWorkPage')).SupervisionWorkPage }),
              },
              {
                path: 'supervisions/:supervisionId',
                lazy: async () => ({ Component: (await import('../features/supervisions/SupervisionDetailPage')).SupervisionDetailPage }),
              },
              {
                path: 'inspections/:inspectionId',
                lazy: async () => ({
                  Component: (await import('../features/inspections/InspectionDetailPage')).InspectionDetailPage,
                }),
              },
              {
                path: 'complaints',
                lazy: async () => ({ Component: (await import('../features/complaints/ComplaintsPage')).ComplaintsPage }),
              },
              {
                path: 'transfers',
                lazy: async () => ({ Component: (await import('../features/transfers/TransfersPage')).TransfersPage }),
              },
              {
                path: 'rectifications',
                lazy: async () => ({
                  Component: (await import('../features/rectifications/RectificationsPage')).RectificationsPage,
                }),
              },
              {
                path: 'registry/households',
                lazy: async () => ({ Component: (await import('../features/registry/HouseholdsPage')).HouseholdsPage }),
              },
              {
                path: 'registry/households/:householdId',
                lazy: async () => ({ Component: (await import('../features/registry/HouseholdPage')).HouseholdPage }),
              },
              {
                path: 'registry/summary',
                lazy: async () => ({ Component: (await import('../features/registry/SummaryPage')).SummaryPage }),
              },
              {
                path: 'summaries',
                lazy: async () => ({ Component: (await import('../features/summaries/SummariesPage')).SummariesPage }),
              },
              {
                path: 'checklists',
                lazy: async () => ({ Component: (await import('../features/checklists/ChecklistsPage')).ChecklistsPage }),
              },
              {
                path: 'registry/signals',
                lazy: async () => ({ Component: (await import('../features/registry/SignalsPage')).SignalsPage }),
              },
              {
                path: 'registry/snapshots',
                lazy: async () => ({ Component: (await import('../features/registry/SnapshotsPage')).SnapshotsPage }),
              },
              {
                path: 'users',
                lazy: async () => ({ Component: (await import('../features/users/UsersPage')).UsersPage }),
              },
              {
                element: <PageGuard page="parameters" />,
                children: [
                  {
                    path: 'parameters',
                    lazy: async () => ({ Component: (await import('../features/parameters/ParametersPage')).ParametersPage }),
                  },
                ],
              },
              {
                element: <PageGuard page="registryImport" />,
                children: [
                  {
                    path: 'registry/import',
                    lazy: async () => ({ Component: (await import('../features/registry/ImportPage')).ImportPage }),
                  },
                ],
              },
              {
                element: <PageGuard page="changeRequests" />,
                children: [
                  {
                    path: 'person-change-requests',
                    lazy: async () => ({
                      Component: (await import('../features/people/ChangeRequestsPage')).ChangeRequestsPage,
                    }),
                  },
                ],
              },
              {
                element: <PageGuard page="supervisions" />,
                children: [
                  {
                    path: 'supervisions',
                    lazy: async () => ({ Component: (await import('../features/supervisions/SupervisionsPage')).SupervisionsPage }),
                  },
                ],
              },
              {
                element: <PageGuard page="audit" />,
                children: [
                  {
                    path: 'audit',
                    lazy: async () => ({ Component: (await import('../features/audit/AuditPage')).AuditPage }),
                  },
                ],
              },
              { path: '*', Component: NotFoundPage },
            ],
          },
        ],
      },
    ],
  },
]);
