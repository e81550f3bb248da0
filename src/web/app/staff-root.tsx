import { AcknowledgementGate } from '../acknowledgements/acknowledge-step.js';
import { EnrolmentPage } from '../auth/enrolment-page.js';
import { FirstPasswordPage } from '../auth/first-password-page.js';
import { useLanguageOfSession } from '../auth/language-toggle.js';
import { SecondFactorPage } from '../auth/second-factor-page.js';
import { useSession } from '../auth/session.js';
import { SignInPage } from '../auth/sign-in-page.js';
import { FullPageLoader, ServerUnavailable } from './fallbacks.js';
import { Shell } from './shell.js';

/**
 * The session's stage decides the screen, whatever the address: a deep link opened while signed
 * out shows sign-in first and the asked-for page once signing in is complete.
 */
export function StaffRoot() {
  const session = useSession();
  useLanguageOfSession();

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ServerUnavailable onRetry={() => void session.refetch()} />;
  const current = session.data;
  if (!current) return <SignInPage />;
  switch (current.stage) {
    case 'mfa':
      return <SecondFactorPage />;
    case 'password-change':
      return <FirstPasswordPage />;
    case 'mfa-enroll':
      return <EnrolmentPage />;
    case 'active':
      // R1 (issue 26 §4): a required policy not yet acknowledged is shown first.
      return (
        <AcknowledgementGate>
          <Shell />
        </AcknowledgementGate>
      );
  }
}
