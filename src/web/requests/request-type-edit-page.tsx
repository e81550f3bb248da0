import { Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { createRequestTypeBody, type RequestType, updateRequestTypeBody } from '../../contracts/requests.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, errorMessage, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { schemaErrors } from '../ui/validate.js';
import { REQUESTS_NS } from './i18n.js';
import { bodyOf, emptyRequestType, RequestTypeFields, type RequestTypeValues, valuesOf } from './request-type-form.js';
import { RequestTypeVersions } from './request-type-versions.js';
import { useSettingsRequestType } from './requests-api.js';

/** Errors at their exact place, list indexes included (`checklist.2.key`). */
const atIndex = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** An administrator creates or edits a request type (settings). */
export function RequestTypeEditPage() {
  const { code } = useParams();
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const isNew = code === undefined;
  const existing = useSettingsRequestType(code ?? '', !isNew);
  if (!hasRole(me.roles, 'administrator')) return <NotAllowed />;
  if (!isNew && existing.isPending) return <PageLoader />;
  if (!isNew && existing.isError) return <LoadFailure message={errorMessage(tc, existing.error)} />;
  return (
    <Page title={isNew ? t('types.newTitle') : t('types.editTitle')}>
      <Stack gap="lg">
        <RequestTypeForm existing={isNew ? null : (existing.data ?? null)} />
        {!isNew && existing.data && <RequestTypeVersions code={existing.data.code} current={existing.data.version} />}
      </Stack>
    </Page>
  );
}

function RequestTypeForm({ existing }: { existing: RequestType | null }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const isNew = existing === null;
  const form = useForm<RequestTypeValues>({
    mode: 'controlled',
    initialValues: existing ? valuesOf(existing) : emptyRequestType,
    validate: (values) =>
      isNew
        ? schemaErrors(tc, createRequestTypeBody, { code: values.code.trim(), ...bodyOf(values) }, atIndex)
        : schemaErrors(tc, updateRequestTypeBody, { ...bodyOf(values), version: existing.version }, atIndex),
  });
  const save = useMutation({
    mutationFn: (values: RequestTypeValues) =>
      isNew
        ? api.post<RequestType>('/settings/request-types', { code: values.code.trim(), ...bodyOf(values) })
        : api.put<RequestType>(`/settings/request-types/${encodeURIComponent(existing.code)}`, {
            ...bodyOf(values),
            version: existing.version,
          }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['request-types'] });
      notifySuccess(isNew ? t('types.created', { name: saved.nameAr }) : t('types.saved'));
      void navigate('/settings/request-types');
    },
    onError: (error) => {
      const problem = asProblem(error);
      const errors: Record<string, string> = {};
      const rest: string[] = [];
      for (const fieldError of problem.errors ?? []) {
        const path = fieldError.pointer.split('/').filter(Boolean).join('.');
        if (path) errors[path] ??= fieldErrorMessage(tc, fieldError.code);
        else rest.push(fieldErrorMessage(tc, fieldError.code));
      }
      form.setErrors(errors);
      setMessage([problemMessage(tc, problem), ...rest].join(' '));
    },
  });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setMessage(null);
            save.mutate(values);
          },
          () => setMessage(t('types.fixErrors')),
        )}
      >
        <Stack gap="lg">
          <ProblemAlert message={message} onClose={() => setMessage(null)} />
          <RequestTypeFields form={form} isNew={isNew} />
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to="/settings/request-types" variant="default">
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? t('types.create') : tc('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
