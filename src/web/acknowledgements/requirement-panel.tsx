import { Button, Group, MultiSelect, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACK_AUDIENCES, type AckAudience } from '../../domain/acknowledgements.js';
import { STAFF_ROLES, type StaffRole } from '../../domain/roles.js';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { errorMessage } from '../ui/problems.js';
import { type Requirement, type RequirementBody, useAckWrite, useDepartments, useRequirement } from './acknowledgements-api.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';

const AUDIENCE_KEYS: Record<AckAudience, string> = { all: 'audienceAll', roles: 'audienceRoles', departments: 'audienceDepartments' };

/**
 * R1, F4 (issue 26 §4): on a document version's card, documents editors and administrators say who
 * must acknowledge it and within how many days; off by default (Harif's policy is published without).
 */
export function RequirementPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const query = useRequirement(versionId);
  const departments = useDepartments();
  const [isEditing, setEditing] = useState(false);
  const save = useAckWrite((body: RequirementBody) => api.put(`/acknowledgements/requirements/${versionId}`, body));
  const remove = useAckWrite(() => api.delete(`/acknowledgements/requirements/${versionId}`));
  if (!query.data) return null;
  const requirement = query.data.requirement;
  const departmentName = (id: string) => {
    const d = departments.data?.items.find((x) => x.id === id);
    return d ? (language === 'ar' ? d.nameAr : d.nameEn) : id;
  };
  const summary = (r: Requirement) =>
    r.audience === 'all'
      ? t('requirement.summaryAll', { days: r.graceDays })
      : r.audience === 'roles'
        ? t('requirement.summaryRoles', { days: r.graceDays, list: r.roles.map((role) => tc(`roles.${role}`)).join('، ') })
        : t('requirement.summaryDepartments', { days: r.graceDays, list: r.departmentIds.map(departmentName).join('، ') });
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0" data-testid="acknowledgement-requirement">
      <Stack gap="xs">
        <Title order={4} fz="h5">
          {t('requirement.title')}
        </Title>
        <Text size="sm">{requirement ? summary(requirement) : t('requirement.none')}</Text>
        {isEditing ? (
          <RequirementForm
            initial={requirement}
            departments={(departments.data?.items ?? [])
              .filter((d) => d.isActive)
              .map((d) => ({ value: d.id, label: departmentName(d.id) }))}
            isPending={save.isPending}
            onCancel={() => setEditing(false)}
            onSave={(body) =>
              save.mutate(body, {
                onSuccess: () => {
                  setEditing(false);
                  notifySuccess(t('requirement.saved'));
                },
                onError: (error) => notifyError(errorMessage(tc, error)),
              })
            }
          />
        ) : (
          <Group gap="sm">
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              {t('requirement.turnOn')}
            </Button>
            {requirement && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => notifySuccess(t('requirement.removed')),
                    onError: (error) => notifyError(errorMessage(tc, error)),
                  })
                }
              >
                {t('requirement.turnOff')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function RequirementForm({
  initial,
  departments,
  isPending,
  onSave,
  onCancel,
}: {
  initial: Requirement | null;
  departments: Array<{ value: string; label: string }>;
  isPending: boolean;
  onSave(body: RequirementBody): void;
  onCancel(): void;
}) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const [audience, setAudience] = useState<AckAudience>(initial?.audience ?? 'all');
  const [roles, setRoles] = useState<string[]>(initial?.roles ?? []);
  const [departmentIds, setDepartmentIds] = useState<string[]>(initial?.departmentIds ?? []);
  const [graceDays, setGraceDays] = useState<number>(initial?.graceDays ?? 14);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ audience, roles: roles as StaffRole[], departmentIds, graceDays });
      }}
    >
      <Stack gap="sm">
        <Radio.Group label={t('requirement.audience')} value={audience} onChange={(v) => setAudience(v as AckAudience)}>
          <Group gap="md" mt={4}>
            {ACK_AUDIENCES.map((a) => (
              <Radio key={a} value={a} label={t(`requirement.${AUDIENCE_KEYS[a]}`)} />
            ))}
          </Group>
        </Radio.Group>
        {audience === 'roles' && (
          <MultiSelect
            label={t('requirement.roles')}
            required
            data={STAFF_ROLES.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
            value={roles}
            onChange={setRoles}
          />
        )}
        {audience === 'departments' && (
          <MultiSelect label={t('requirement.departments')} required data={departments} value={departmentIds} onChange={setDepartmentIds} />
        )}
        <NumberField
          kind="days"
          label={t('requirement.graceDays')}
          value={graceDays}
          onChange={(v) => setGraceDays(v === '' ? 0 : v)}
          w={240}
        />
        <Group gap="sm">
          <Button type="submit" size="xs" loading={isPending}>
            {t('requirement.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            {tc('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
