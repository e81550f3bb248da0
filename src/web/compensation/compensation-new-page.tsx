import { Button, FileInput, Group, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { COMPENSATION_ORIGINS } from '../../domain/compensation-status.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFamilyList } from '../families/families-api.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { type CompensationDetail, casePath } from './compensation-api.js';
import { COMPENSATION_NS } from './i18n.js';

const ORIGINS = COMPENSATION_ORIGINS.filter((origin) => origin !== 'complaint');

/**
 * Issue 23 §1: management opens a case on a family's claim by letter, interview or another channel —
 * the family found in the registry, the harm claimed, the amount asked if any, and the scanned claim.
 * (A complaint's case is opened by escalating the complaint.)
 */
export function CompensationNewPage() {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [family, setFamily] = useState<{ id: string; label: string } | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const families = useFamilyList({ q: debounced, sort: 'name', order: 'asc', limit: 8 }, debounced.length >= 2 && !family);
  const [values, setValues] = useState({ origin: 'letter', claim: '' });
  const [asked, setAsked] = useState<number | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: async () => {
      const created = await api.post<CompensationDetail>('/compensation-cases', {
        familyId: family?.id,
        origin: values.origin,
        claim: values.claim.trim(),
        ...(asked !== '' && asked > 0 ? { amountAskedHalalas: asked } : {}),
      });
      if (file) {
        const form = new FormData();
        form.set('file', file);
        await api.upload<CompensationDetail>(casePath(created.id, '/claim-scan'), form);
      }
      return created;
    },
    onSuccess: (created) => {
      notifySuccess(t('new.opened', { reference: created.reference }));
      void navigate(`/compensation/${created.id}`);
    },
    onError: (error) => setProblem(errorMessage(tc, error)),
  });
  if (!hasRole(me.roles, 'management')) return <NotAllowed />;
  const items = families.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title={t('new.title')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <ProblemAlert message={problem} onClose={() => setProblem(null)} />
          {family ? (
            <Group justify="space-between">
              <Text>
                {t('facts.family')}: <strong>{family.label}</strong>
              </Text>
              <Button variant="subtle" size="xs" onClick={() => setFamily(null)}>
                {t('new.change')}
              </Button>
            </Group>
          ) : (
            <Stack gap={6}>
              <TextInput
                label={t('new.familySearch')}
                type="search"
                autoComplete="off"
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
              />
              {items.map((item) => (
                <Group key={item.id} justify="space-between">
                  <Text size="sm">
                    {item.headNameAr} — {item.reference}
                  </Text>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setFamily({ id: item.id, label: `${item.headNameAr} — ${item.reference}` })}
                  >
                    {t('new.choose')}
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
          <Select
            label={t('facts.origin')}
            data={ORIGINS.map((value) => ({ value, label: t(`origin.${value}`) }))}
            value={values.origin}
            allowDeselect={false}
            onChange={(value) => setValues({ ...values, origin: value ?? 'letter' })}
          />
          <Textarea
            label={t('facts.claim')}
            autosize
            minRows={3}
            maxLength={4000}
            value={values.claim}
            onChange={(e) => setValues({ ...values, claim: e.currentTarget.value })}
          />
          <NumberField kind="riyals" label={t('new.asked')} value={asked} onChange={setAsked} />
          <FileInput
            label={t('new.scan')}
            accept="application/pdf,image/jpeg,image/png,image/webp"
            value={file}
            onChange={setFile}
            clearable
          />
          <Group justify="flex-end">
            <Button loading={open.isPending} disabled={!family} onClick={() => open.mutate()}>
              {t('list.new')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Page>
  );
}
