import { Button, Group, Stack, Text } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { Worklist } from '../ui/worklist.js';
import { REQUESTS_NS } from './i18n.js';
import { useRequestRows } from './request-rows.js';
import { useRequestList } from './requests-api.js';

/**
 * A family's requests on the family's page (issue 5 §3, C5, C6): each one's reference, type, channel,
 * status and deadline in both calendars, in the server's deadline order, with a link to the request
 * and, for intake roles, "new request" for this family. Shown to the roles that read requests. The
 * app's router hands it to the family page, so the registry's screens never import the requests'.
 */
export function FamilyRequests({
  familyId,
  title,
  empty,
  isReadOnly,
}: {
  familyId: string;
  title: string;
  empty: string;
  /** Issue 25 §5: an erased family gets no new request (the server answers 409 `family.erased`). */
  isReadOnly: boolean;
}) {
  const { t } = useTranslation(REQUESTS_NS);
  const me = useCurrentUser();
  const canRead = hasRole(me.roles, 'reception', 'contact-officer', 'volunteer', 'management', 'committee-member');
  const canCreate = me.can.createRequest && !isReadOnly;
  const query = useRequestList('all', { familyId }, canRead);
  const rows = useRequestRows('channel');
  if (!canRead) return null;
  return (
    <Stack gap="xs" mt="lg" component="section" aria-labelledby="family-requests-heading">
      <Group justify="space-between" gap="xs">
        <Text component="h2" id="family-requests-heading" fw={700} fz="lg" m={0}>
          {title}
        </Text>
        {canCreate && (
          <Button
            component={Link}
            to={`/requests/new?familyId=${familyId}`}
            variant="default"
            size="sm"
            leftSection={<IconFilePlus size={16} aria-hidden />}
          >
            {t('list.new')}
          </Button>
        )}
      </Group>
      <Worklist query={query} empty={{ title: empty }} moreLabel={t('list.more')} {...rows} label={title} />
    </Stack>
  );
}
