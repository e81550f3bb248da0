import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSessionEvents } from './session.js';

/** A way out of the signing-in steps (another account, or not now). */
export function SignOutLink() {
  const { t } = useTranslation();
  const { signOut } = useSessionEvents();
  return (
    <Button variant="subtle" color="gray" size="compact-sm" onClick={() => void signOut()} style={{ alignSelf: 'center' }}>
      {t('auth.signOut')}
    </Button>
  );
}
