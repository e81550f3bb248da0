import { Badge, Button, Group } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { type Family, familyKeys } from './families-api.js';
import { FAMILIES_NS } from './i18n.js';

/**
 * The family's e-mail with whether staff verified it (issue 20 §7, F2): portal sign-in codes go by
 * e-mail only to a verified address. Those who may edit the family verify it once they have checked
 * it with the family (read back at the desk, or a test message answered).
 */
export function FamilyEmail({ family }: { family: Family }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const verify = useMutation({
    mutationFn: () => api.post<Family>(`/families/${encodeURIComponent(family.id)}/email-verification`, { version: family.version }),
    onSuccess: (updated) => {
      client.setQueryData(familyKeys.one(family.id), updated);
      notifySuccess(t('emailVerification.done'));
    },
    onError: (error) => notifyError(errorMessage(tc, error)),
  });
  if (!family.email) return null;
  return (
    <Group gap="xs" wrap="wrap" component="span">
      <Ltr>{family.email}</Ltr>
      {family.emailVerifiedAt ? (
        <Badge color="teal" variant="light" data-testid="email-verified">
          {t('emailVerification.verified')}
        </Badge>
      ) : (
        <>
          <Badge color="gray" variant="light">
            {t('emailVerification.unverified')}
          </Badge>
          {family.abilities.edit && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconMailCheck size={16} />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              title={t('emailVerification.hint')}
            >
              {t('emailVerification.verify')}
            </Button>
          )}
        </>
      )}
    </Group>
  );
}
