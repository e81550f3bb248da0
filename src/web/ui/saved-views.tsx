import { ActionIcon, Button, Group, Menu, Modal, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBookmarkPlus, IconDotsVertical, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type CreateSavedViewBody,
  createSavedViewBody,
  keptViewParams,
  type SavedView,
  type SavedViewList,
  type WorklistKey,
} from '../../contracts/saved-views.js';
import { STAFF_ROLES } from '../../domain/roles.js';
import { api } from '../api/client.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { notifyError, notifySuccess } from './notify.js';
import { ProblemAlert } from './problem-alert.js';
import { errorMessage } from './problems.js';
import { useFormProblem } from './use-form-problem.js';
import { schemaErrors } from './validate.js';

const nameOnly = createSavedViewBody.pick({ name: true });

/**
 * Saved views above a worklist (issue 19 §4): the person's own and those shared with their role,
 * as tabs; choosing one puts its filters and sort in the address (so the worklist, which reads the
 * address, follows); "save this view" keeps the address's filters under a name. The search box's
 * text is never kept (F2): the server drops it too.
 */
const keys = (worklist: WorklistKey) => ['saved-views', worklist] as const;

const sameParams = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);

export function SavedViews({ worklist }: { worklist: WorklistKey }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const views = useQuery({
    queryKey: keys(worklist),
    queryFn: () => api.get<SavedViewList>(`/saved-views?worklist=${worklist}`),
    staleTime: 60_000,
  });
  const [isSaving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<SavedView | null>(null);
  const remove = useMutation({
    mutationFn: (view: SavedView) => api.delete<void>(`/saved-views/${view.id}`),
    onSuccess: (_, view) => {
      notifySuccess(t('savedViews.deleted', { name: view.name }));
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: keys(worklist) });
    },
    onError: (error) => notifyError(errorMessage(t, error)),
  });
  const current = keptViewParams(params.entries());
  const items = views.data?.items ?? [];
  const active = items.find((view) => sameParams(view.params, current));
  const deletable = items.filter((view) => view.abilities.delete);
  const open = (view: SavedView) => setParams(new URLSearchParams(view.params), { replace: false });

  return (
    <Group gap="xs" wrap="wrap" align="center" data-testid={`saved-views-${worklist}`}>
      {items.length > 0 && (
        <Tabs
          variant="pills"
          value={active?.id ?? null}
          onChange={(id) => {
            const view = items.find((each) => each.id === id);
            if (view) open(view);
          }}
          aria-label={t('savedViews.title')}
        >
          <Tabs.List>
            {items.map((view) => (
              <Tabs.Tab key={view.id} value={view.id} data-testid="saved-view">
                {view.name}
                {view.sharedRole && (
                  <Text span size="xs" c="dimmed" ms={6}>
                    ({t(`roles.${view.sharedRole}`)})
                  </Text>
                )}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      )}
      {deletable.length > 0 && (
        // Deleting sits beside the tabs, not in them: a tab list holds tabs only (ARIA).
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('savedViews.manage')}>
              <IconDotsVertical size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {deletable.map((view) => (
              <Menu.Item key={view.id} color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => setRemoving(view)}>
                {t('savedViews.delete', { name: view.name })}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {!active && (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconBookmarkPlus size={16} aria-hidden />}
          onClick={() => setSaving(true)}
          data-testid="save-view"
        >
          {t('savedViews.save')}
        </Button>
      )}
      {isSaving && (
        <SaveViewDialog
          worklist={worklist}
          params={current}
          mayShare={views.data?.abilities.share ?? false}
          onClose={() => setSaving(false)}
          onSaved={(view) => {
            setSaving(false);
            notifySuccess(t('savedViews.saved', { name: view.name }));
            queryClient.setQueryData(keys(worklist), (old: SavedViewList | undefined) => ({
              items: [...(old?.items ?? []), view],
              abilities: old?.abilities ?? { share: false },
            }));
          }}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('savedViews.deleteTitle')}
        message={t('savedViews.deleteBody', { name: removing?.name ?? '' })}
        confirmLabel={t('savedViews.deleteConfirm')}
        color="red"
        isPending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Group>
  );
}

function SaveViewDialog({
  worklist,
  params,
  mayShare,
  onClose,
  onSaved,
}: {
  worklist: WorklistKey;
  params: Record<string, string>;
  /** From the server (administrators): the choice of a role to share with. */
  mayShare: boolean;
  onClose(): void;
  onSaved(view: SavedView): void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', sharedRole: '' },
    validate: (values) => schemaErrors(t, nameOnly, { name: values.name }),
  });
  const problem = useFormProblem(form, { codeFields: { 'saved-view.name-taken': 'name' } });
  const save = useMutation({
    mutationFn: (body: CreateSavedViewBody) => api.post<SavedView>('/saved-views', body),
    onSuccess: onSaved,
    onError: problem.handle,
  });
  return (
    <Modal opened onClose={onClose} title={t('savedViews.saveTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          save.mutate({
            worklist,
            name: values.name,
            params,
            sharedRole: mayShare && values.sharedRole ? (values.sharedRole as never) : null,
          }),
        )}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('savedViews.saveHint')}
          </Text>
          <ProblemAlert message={problem.message} onClose={problem.clear} />
          <TextInput
            label={t('savedViews.name')}
            required
            maxLength={60}
            data-autofocus
            key={form.key('name')}
            {...form.getInputProps('name')}
            data-testid="saved-view-name"
          />
          {mayShare && (
            <Select
              label={t('savedViews.shareWith')}
              description={t('savedViews.shareHint')}
              clearable
              data={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              key={form.key('sharedRole')}
              {...form.getInputProps('sharedRole')}
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="saved-view-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
