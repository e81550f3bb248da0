import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answers, AnswerValue, ServiceRequest } from '../../contracts/requests.js';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { AnswerFields, answerText, cleanAnswers } from './answer-fields.js';
import { REQUESTS_NS } from './i18n.js';
import { requestKeys } from './requests-api.js';

/** The request's data: read-only, or edited while a draft (a change voids an attestation, C4). */
export function AnswersPanel({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const [isEditing, setIsEditing] = useState(false);
  const [answers, setAnswers] = useState<Answers>(request.answers);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const fields = request.type.checklist.filter((item) => item.kind === 'field');
  const save = useMutation({
    mutationFn: () =>
      api.patch<ServiceRequest>(`/requests/${encodeURIComponent(request.id)}`, {
        answers: cleanAnswers(answers, true),
        version: request.version,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(requestKeys.one(request.id), updated);
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      setIsEditing(false);
      // C4: the attestation covered the data before and no longer does: say it was voided.
      notifySuccess(request.completeness.isAttested && !updated.completeness.isAttested ? t('answers.savedVoided') : t('answers.saved'));
    },
    onError: (error) => {
      const problem = asProblem(error);
      const next: Record<string, string> = {};
      for (const fieldError of problem.errors ?? []) {
        const key = /^\/answers\/([^/]+)/.exec(fieldError.pointer)?.[1];
        if (key) next[key] = fieldErrorMessage(tc, fieldError.code);
      }
      setErrors(next);
      setMessage(problemMessage(tc, problem));
      if (problem.status === 409) void queryClient.invalidateQueries({ queryKey: requestKeys.one(request.id) });
    },
  });
  if (fields.length === 0) return null;
  const yesNo = { yes: t('yes'), no: t('no') };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="answers-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="lg" id="answers-title">
            {t('answers.title')}
          </Title>
          {request.abilities.edit && !isEditing && (
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setAnswers(request.answers);
                setIsEditing(true);
              }}
            >
              {t('answers.edit')}
            </Button>
          )}
        </Group>
        {isEditing ? (
          <Stack gap="sm">
            {request.completeness.isAttested && (
              <Text size="sm" c="orange.9">
                {t('answers.voidWarning')}
              </Text>
            )}
            <ProblemAlert message={message} onClose={() => setMessage(null)} />
            <AnswerFields
              items={request.type.checklist}
              answers={answers}
              errors={errors}
              onChange={(key: string, value: AnswerValue) => setAnswers((current) => ({ ...current, [key]: value }))}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setIsEditing(false)}>
                {tc('common.cancel')}
              </Button>
              <Button loading={save.isPending} onClick={() => save.mutate()}>
                {tc('common.save')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
            {fields.map((item) => (
              <Stack gap={2} key={item.key}>
                <Text size="sm" c="dimmed" component="dt">
                  {language === 'ar' ? item.labelAr : item.labelEn}
                </Text>
                <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
                  {answerText(item, request.answers[item.key], language, yesNo)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
