import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp, IconCircleCheck, IconLock, IconQuestionMark, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RequestHandedOver, ServiceRequest, StaffAction, TransitionBody } from '../../contracts/requests.js';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { MISSING_POINTER_LABEL } from './coded-labels.js';
import { REQUESTS_NS } from './i18n.js';
import { requestKeys } from './requests-api.js';

const ICONS = { submit: IconSend, 'request-information': IconQuestionMark, 'information-received': IconArrowBackUp, close: IconLock };

/**
 * The 422's missing items (C3), as the checklist names them: `/checklist/<key>` → its label; the
 * missing attestation (`/attestation`, C4) by its own label — never the raw key (issue 27 §6).
 */
export function missingLabels(
  request: ServiceRequest,
  errors: readonly { pointer: string; code: string }[],
  language: 'ar' | 'en',
  labelOf: (key: string) => string,
): { key: string; label: string; code: string }[] {
  return errors.map((error) => {
    const key = error.pointer.split('/').filter(Boolean).at(-1) ?? error.pointer;
    const item = request.completeness.items.find((candidate) => candidate.key === key);
    const pointerLabel = MISSING_POINTER_LABEL[error.pointer];
    const named = pointerLabel ? labelOf(pointerLabel) : key;
    const label = item ? (language === 'ar' ? item.labelAr : item.labelEn) : named;
    return { key, label, code: error.code };
  });
}

/** What the worklist is told after a move that took the request out of the caller's sight (A6). */
export interface HandedOverState {
  handedOver: string;
}

/** The moves this person may make now (the server lists them; it checks again on each). */
export function RequestActions({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(REQUESTS_NS);
  const [action, setAction] = useState<StaffAction | null>(null);
  if (request.allowedActions.length === 0) return null;
  return (
    <>
      <Group gap="xs">
        {request.allowedActions.map((each) => {
          const Icon = ICONS[each];
          return (
            <Button
              key={each}
              variant={each === 'submit' ? 'filled' : 'default'}
              leftSection={<Icon size={16} aria-hidden />}
              onClick={() => setAction(each)}
            >
              {t(`actions.${each}`)}
            </Button>
          );
        })}
      </Group>
      {action && <TransitionModal request={request} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

function TransitionModal({ request, action, onClose }: { request: ServiceRequest; action: StaffAction; onClose(): void }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<{ key: string; label: string; code: string }[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const isNoteRequired = action === 'request-information';
  const move = useMutation({
    mutationFn: (body: TransitionBody) =>
      api.post<ServiceRequest | RequestHandedOver>(`/requests/${encodeURIComponent(request.id)}/transitions`, body),
    onSuccess: (updated) => {
      if ('isHandedOver' in updated) {
        // A6: a volunteer's request, once sent, is reception's and the committee's: say so on the
        // worklist instead of reloading a page they may no longer open.
        queryClient.removeQueries({ queryKey: requestKeys.one(request.id) });
        void queryClient.invalidateQueries({ queryKey: requestKeys.all });
        onClose();
        navigate('/requests', { state: { handedOver: updated.reference } satisfies HandedOverState });
        return;
      }
      queryClient.setQueryData(requestKeys.one(request.id), updated);
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      notifySuccess(t(`actions.done.${action}`));
      onClose();
    },
    onError: (error) => {
      const problem = asProblem(error);
      if (problem.code === 'request.incomplete') {
        setMissing(missingLabels(request, problem.errors ?? [], language, (key) => t(key)));
        setMessage(null);
      } else {
        setMissing([]);
        setMessage(problemMessage(tc, problem));
      }
      void queryClient.invalidateQueries({ queryKey: requestKeys.one(request.id) });
    },
  });
  const submit = () => {
    if (isNoteRequired && !note.trim()) {
      setMessage(t('actions.noteRequired'));
      return;
    }
    const trimmed = note.trim();
    move.mutate({ action, ...(trimmed ? { note: trimmed } : {}) });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(`actions.${action}`)}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': tc('common.close') }}
    >
      <Stack gap="md">
        <Text>{t(`actions.explain.${action}`)}</Text>
        {missing.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} title={t('actions.incompleteTitle')} role="alert">
            <Text size="sm" mb={6}>
              {t('actions.incompleteBody')}
            </Text>
            <List size="sm" spacing={2} data-testid="missing-items">
              {missing.map((item) => (
                <List.Item key={`${item.key}-${item.code}`}>
                  {item.label}
                  {item.code !== 'checklist.missing' && ` — ${fieldErrorMessage(tc, item.code)}`}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <ProblemAlert message={message} />
        <Textarea
          label={isNoteRequired ? t('actions.informationNote') : t('actions.note')}
          required={isNoteRequired}
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
          <Button loading={move.isPending} onClick={submit} leftSection={<IconCircleCheck size={16} aria-hidden />}>
            {t(`actions.confirm.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
