import { createBrowserRouter } from 'react-router';
import { HomePage } from '../home/home-page.js';
import { FullPageLoader, NotFoundPage, RouteError } from './fallbacks.js';
import { StaffRoot } from './staff-root.js';

/** Pages past the home load on demand, so the first load stays small. */
export const router = createBrowserRouter(
  [
    {
      path: '/',
      Component: StaffRoot,
      ErrorBoundary: RouteError,
      HydrateFallback: FullPageLoader,
      children: [
        { index: true, Component: HomePage },
        { path: 'users', lazy: async () => ({ Component: (await import('../users/users-page.js')).UsersPage }) },
        { path: 'users/new', lazy: async () => ({ Component: (await import('../users/user-create-page.js')).UserCreatePage }) },
        { path: 'users/:id', lazy: async () => ({ Component: (await import('../users/user-edit-page.js')).UserEditPage }) },
        { path: 'families', lazy: async () => ({ Component: (await import('../families/families-page.js')).FamiliesPage }) },
        { path: 'families/new', lazy: async () => ({ Component: (await import('../families/family-create-page.js')).FamilyCreatePage }) },
        { path: 'families/import', lazy: async () => ({ Component: (await import('../families/import-page.js')).ImportPage }) },
        { path: 'families/:id', lazy: async () => ({ Component: (await import('./family-route.js')).FamilyRoute }) },
        { path: 'families/:id/edit', lazy: async () => ({ Component: (await import('../families/family-edit-page.js')).FamilyEditPage }) },
        { path: 'requests', lazy: async () => ({ Component: (await import('../requests/requests-page.js')).RequestsPage }) },
        { path: 'requests/new', lazy: async () => ({ Component: (await import('../requests/request-create-page.js')).RequestCreatePage }) },
        { path: 'requests/:id', lazy: async () => ({ Component: (await import('../requests/request-page.js')).RequestPage }) },
        {
          path: 'settings/request-types',
          lazy: async () => ({ Component: (await import('../requests/request-types-page.js')).RequestTypesPage }),
        },
        {
          path: 'settings/request-types/new',
          lazy: async () => ({ Component: (await import('../requests/request-type-edit-page.js')).RequestTypeEditPage }),
        },
        {
          path: 'settings/request-types/:code',
          lazy: async () => ({ Component: (await import('../requests/request-type-edit-page.js')).RequestTypeEditPage }),
        },
        { path: 'complaints', lazy: async () => ({ Component: (await import('../complaints/complaints-page.js')).ComplaintsPage }) },
        {
          path: 'complaints/new',
          lazy: async () => ({ Component: (await import('../complaints/complaint-intake-page.js')).ComplaintIntakePage }),
        },
        { path: 'complaints/:id', lazy: async () => ({ Component: (await import('../complaints/complaint-page.js')).ComplaintPage }) },
        { path: 'inquiries', lazy: async () => ({ Component: (await import('../inquiries/inquiries-page.js')).InquiriesPage }) },
        // Issue 24: satisfaction results.
        { path: 'surveys', lazy: async () => ({ Component: (await import('../surveys/results-page.js')).SurveyResultsPage }) },
        {
          path: 'surveys/questionnaires',
          lazy: async () => ({ Component: (await import('../surveys/questionnaires-page.js')).QuestionnairesPage }),
        },
        {
          path: 'surveys/questionnaires/:id',
          lazy: async () => ({ Component: (await import('../surveys/questionnaire-edit-page.js')).QuestionnaireEditPage }),
        },
        {
          path: 'surveys/settings',
          lazy: async () => ({ Component: (await import('../surveys/survey-settings-page.js')).SurveySettingsPage }),
        },
        { path: 'surveys/answers', lazy: async () => ({ Component: (await import('../surveys/answers-page.js')).SurveyAnswersPage }) },
        { path: 'surveys/campaigns', lazy: async () => ({ Component: (await import('../surveys/campaigns-page.js')).CampaignsPage }) },
        {
          path: 'surveys/campaigns/new',
          lazy: async () => ({ Component: (await import('../surveys/campaign-new-page.js')).CampaignNewPage }),
        },
        { path: 'surveys/campaigns/:id', lazy: async () => ({ Component: (await import('../surveys/campaign-page.js')).CampaignPage }) },
        // Issue 26: the document library.
        { path: 'documents', lazy: async () => ({ Component: (await import('../documents/documents-page.js')).DocumentsPage }) },
        { path: 'documents/new', lazy: async () => ({ Component: (await import('../documents/document-new-page.js')).DocumentNewPage }) },
        { path: 'documents/:id', lazy: async () => ({ Component: (await import('../documents/document-page.js')).DocumentPage }) },
        { path: 'privacy', lazy: async () => ({ Component: (await import('../privacy/privacy-requests-page.js')).PrivacyRequestsPage }) },
        { path: 'privacy/retention', lazy: async () => ({ Component: (await import('../erasure/retention-page.js')).RetentionPage }) },
        {
          path: 'privacy/requests/new',
          lazy: async () => ({ Component: (await import('../privacy/privacy-request-new-page.js')).PrivacyRequestNewPage }),
        },
        {
          path: 'privacy/requests/:id',
          lazy: async () => ({ Component: (await import('../privacy/privacy-request-page.js')).PrivacyRequestPage }),
        },
        { path: 'privacy/breaches', lazy: async () => ({ Component: (await import('../privacy/breaches-page.js')).BreachesPage }) },
        { path: 'privacy/breaches/new', lazy: async () => ({ Component: (await import('../privacy/breach-new-page.js')).BreachNewPage }) },
        { path: 'privacy/breaches/:id', lazy: async () => ({ Component: (await import('../privacy/breach-page.js')).BreachPage }) },
        {
          path: 'privacy/record',
          lazy: async () => ({ Component: (await import('../privacy/processing-record-page.js')).ProcessingRecordPage }),
        },
        // Issue 26 §4–§5 (R1, R2): policy acknowledgements (HR) and departments (a setting).
        {
          path: 'acknowledgements',
          lazy: async () => ({ Component: (await import('../acknowledgements/acknowledgements-page.js')).AcknowledgementsPage }),
        },
        {
          // R2: a department head's own copies (any role; the server lists only what they head).
          path: 'acknowledgements/department',
          lazy: async () => ({ Component: (await import('../acknowledgements/department-copies-page.js')).DepartmentCopiesPage }),
        },
        {
          path: 'acknowledgements/:versionId',
          lazy: async () => ({
            Component: (await import('../acknowledgements/acknowledgement-version-page.js')).AcknowledgementVersionPage,
          }),
        },
        {
          path: 'settings/departments',
          lazy: async () => ({ Component: (await import('../acknowledgements/departments-page.js')).DepartmentsPage }),
        },
        // Issue 23: compensation cases.
        {
          path: 'compensation',
          lazy: async () => ({ Component: (await import('../compensation/compensation-page.js')).CompensationPage }),
        },
        {
          path: 'compensation/new',
          lazy: async () => ({ Component: (await import('../compensation/compensation-new-page.js')).CompensationNewPage }),
        },
        {
          path: 'compensation/:id',
          lazy: async () => ({ Component: (await import('../compensation/compensation-case-page.js')).CompensationCasePage }),
        },
        { path: 'inquiries/:id', lazy: async () => ({ Component: (await import('../inquiries/inquiry-page.js')).InquiryPage }) },
        {
          path: 'contact-officers',
          lazy: async () => ({ Component: (await import('../contact-officers/contact-officers-page.js')).ContactOfficersPage }),
        },
        { path: 'oversight', lazy: async () => ({ Component: (await import('../oversight/oversight-page.js')).OversightPage }) },
        {
          path: 'settings/complaints',
          lazy: async () => ({ Component: (await import('../complaint-settings/complaint-settings-page.js')).ComplaintSettingsPage }),
        },
        { path: 'committees', lazy: async () => ({ Component: (await import('../committees/committees-page.js')).CommitteesPage }) },
        { path: 'committees/:id', lazy: async () => ({ Component: (await import('../committees/committee-page.js')).CommitteePage }) },
        { path: 'meetings/:id', lazy: async () => ({ Component: (await import('../committees/meeting-page.js')).MeetingPage }) },
        { path: 'minutes/:id', lazy: async () => ({ Component: (await import('../committees/minutes-page.js')).MinutesPage }) },
        { path: 'settings', lazy: async () => ({ Component: (await import('../settings/settings-page.js')).SettingsPage }) },
        { path: 'holidays', lazy: async () => ({ Component: (await import('../calendar/holidays-page.js')).HolidaysPage }) },
        { path: 'outbox', lazy: async () => ({ Component: (await import('../notifications/outbox-page.js')).OutboxPage }) },
        { path: 'bulk-sends', lazy: async () => ({ Component: (await import('../notifications/bulk-sends-page.js')).BulkSendsPage }) },
        {
          path: 'bulk-sends/new',
          lazy: async () => ({ Component: (await import('../notifications/bulk-send-new-page.js')).BulkSendNewPage }),
        },
        { path: 'bulk-sends/:id', lazy: async () => ({ Component: (await import('../notifications/bulk-send-page.js')).BulkSendPage }) },
        { path: 'tasks', lazy: async () => ({ Component: (await import('../notifications/tasks-page.js')).TasksPage }) },
        { path: 'templates', lazy: async () => ({ Component: (await import('../notifications/templates-page.js')).TemplatesPage }) },
        { path: 'account', lazy: async () => ({ Component: (await import('../account/account-page.js')).AccountPage }) },
        { path: '*', Component: NotFoundPage },
      ],
    },
  ],
  { basename: '/staff' },
);
