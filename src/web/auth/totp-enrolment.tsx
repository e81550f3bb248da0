import { ActionIcon, Box, Button, Center, Code, CopyButton, Group, List, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type SessionResponse, totpCodeBody, type totpEnrolmentResponse } from '../../contracts/auth.js';
import { api } from '../api/client.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { CodeInput } from './code-input.js';

type Enrolment = z.infer<typeof totpEnrolmentResponse>;

/** The QR code comes from our own server as SVG text; as an image it can never run as markup. */
function svgDataUrl(svg: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

function groupsOfFour(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Setting up an authenticator app: a new secret, shown as a QR code and as text, then a first code. */
export function TotpEnrolment({ onEnrolled }: { onEnrolled(session: SessionResponse): void }) {
  const { t } = useTranslation();
  const start = useMutation({ mutationFn: () => api.post<Enrolment>('/auth/totp/enrolment') });
  const hasStarted = useRef(false);
  useEffect(() => {
    // Each start makes a new secret: once per visit to this screen.
    if (hasStarted.current) return;
    hasStarted.current = true;
    start.mutate();
  }, [start]);

  const form = useForm({ initialValues: { code: '' }, validate: (values) => schemaErrors(t, totpCodeBody, values) });
  const problem = useFormProblem(form);
  const confirm = useMutation({
    mutationFn: (values: { code: string }) => api.post<SessionResponse>('/auth/totp/enrolment/confirm', values),
    onSuccess: onEnrolled,
    onError: (error) => {
      // Clear the used code first: changing a value also clears that field's error.
      form.setFieldValue('code', '');
      problem.handle(error);
    },
  });

  if (start.isPending || start.isIdle) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (start.isError) {
    return (
      <Stack>
        <ProblemAlert message={errorMessage(t, start.error)} />
        <Button variant="light" onClick={() => start.mutate()}>
          {t('auth.enrolment.restart')}
        </Button>
      </Stack>
    );
  }

  const { secret, qrSvg } = start.data;
  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs">
        <List.Item>
          {/* App names are Latin inside Arabic text: isolated so the sentence keeps its order. */}
          <Trans i18nKey="auth.enrolment.step1" components={{ app: <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }} /> }} />
        </List.Item>
        <List.Item>{t('auth.enrolment.step2')}</List.Item>
      </List>
      <Center>
        <Box bg="white" p="xs" bd="1px solid var(--mantine-color-gray-3)" style={{ borderRadius: 8, lineHeight: 0 }}>
          <img src={svgDataUrl(qrSvg)} alt={t('auth.enrolment.qrAlt')} width={200} height={200} />
        </Box>
      </Center>
      <div>
        <Text size="sm" fw={600}>
          {t('auth.enrolment.secret')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="md" p="xs" style={{ overflowWrap: 'normal', lineHeight: 1.8 }}>
            <bdi dir="ltr" data-testid="totp-secret">
              {groupsOfFour(secret)}
            </bdi>
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('common.copied') : t('auth.enrolment.copySecret')}>
                <ActionIcon variant="subtle" onClick={copy} aria-label={t('auth.enrolment.copySecret')}>
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </div>
      <List type="ordered" start={3}>
        <List.Item>{t('auth.enrolment.step3')}</List.Item>
      </List>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          confirm.mutate(values);
        })}
      >
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          <CodeInput
            label={t('auth.enrolment.code')}
            required
            value={form.values.code}
            error={form.errors.code}
            onChange={(value) => form.setFieldValue('code', value)}
          />
          <Button type="submit" size="md" loading={confirm.isPending}>
            {t('auth.enrolment.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
