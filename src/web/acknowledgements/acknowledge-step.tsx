import { Alert, Anchor, Box, Button, Center, Checkbox, Group, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.js';
import { AuthLayout } from '../auth/auth-layout.js';
import { useSession } from '../auth/session.js';
import { SignOutLink } from '../auth/sign-out-link.js';
import { DualDay } from '../ui/dual-day.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { ackKeys, type PendingAcknowledgement, useMyAcknowledgements } from './acknowledgements-api.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';

const POSTPONED_KEY = 'sila.ack.postponed';

function postponedIds(): Set<string> {
  try {
    return new Set((sessionStorage.getItem(POSTPONED_KEY) ?? '').split(',').filter(Boolean));
  } catch {
    return new Set();
  }
}

/**
 * R1 (issue 26 §4): after signing in, a required version not yet acknowledged is shown first — like
 * the password change step. During the grace period it may be put off for this session; once
 * overdue it cannot (the server then refuses everything else with `acknowledgement.required`).
 */
export function AcknowledgementGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const mine = useMyAcknowledgements();
  const [postponed, setPostponed] = useState(postponedIds);
  const queryClient = useQueryClient();
  // A grace period that ends mid-session: the first refusal brings the step back at once.
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const error = event.query.state.error;
        if (event.type === 'updated' && error instanceof ApiError && error.problem.code === 'acknowledgement.required') {
          void queryClient.invalidateQueries({ queryKey: ackKeys.mine });
        }
      }),
    [queryClient],
  );
  if (mine.isPending)
    return (
      <Center mih="100dvh" component="main">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  // The server still closes what must be closed; a failed read never locks a person out of the app.
  if (mine.isError) return children;
  const items = mine.data.items;
  const next = items.find((i) => i.isOverdue) ?? items.find((i) => !postponed.has(i.versionId));
  if (!next) return children;
  const postpone = () => {
    const ids = new Set([...postponed, next.versionId]);
    try {
      sessionStorage.setItem(POSTPONED_KEY, [...ids].join(','));
    } catch {
      // Private browsing without storage: postponed for this page only.
    }
    setPostponed(ids);
  };
  return <AcknowledgeStep key={next.versionId} item={next} onPostpone={next.isOverdue ? null : postpone} />;
}

function AcknowledgeStep({ item, onPostpone }: { item: PendingAcknowledgement; onPostpone: (() => void) | null }) {
  const { t, i18n } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const hasTotp = useSession().data?.user.hasTotp ?? false;
  const [hasRead, setRead] = useState(!item.bodyAr);
  const [isAgreed, setAgreed] = useState(false);
  const [useCode, setUseCode] = useState(hasTotp);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const title = i18n.language === 'en' ? item.titleEn : item.titleAr;

  const checkEnd = useCallback(() => {
    const el = box.current;
    if (el && el.scrollTop + el.clientHeight >= el.scrollHeight - 8) setRead(true);
  }, []);
  useEffect(checkEnd, [checkEnd]);

  const submit = async () => {
    setProblem(null);
    setSending(true);
    try {
      await api.post(`/acknowledgements/mine/${item.versionId}`, {
        textSha256: item.textSha256,
        hasReadToEnd: true,
        ...(useCode ? { code: secret.trim() } : { password: secret }),
      });
      notifySuccess(t('step.done'));
      await queryClient.invalidateQueries({ queryKey: ackKeys.mine });
    } catch (error) {
      if (
        error instanceof ApiError &&
        ['acknowledgement.version-replaced', 'acknowledgement.text-changed'].includes(error.problem.code ?? '')
      ) {
        await queryClient.invalidateQueries({ queryKey: ackKeys.mine });
      }
      setProblem(errorMessage(tc, error));
    } finally {
      setSending(false);
    }
  };

  return (
    <AuthLayout title={t('step.title', { title })} width={760}>
      <Text>{t('step.intro', { number: item.number, effectiveOn: item.effectiveOn })}</Text>
      <Alert color={item.isOverdue ? 'red' : 'yellow'} variant="light">
        {item.isOverdue ? (
          t('step.overdue')
        ) : (
          <>
            {t('step.due')} <DualDay value={item.dueAt} withTime inline />. {t('step.dueAfter')}
          </>
        )}
      </Alert>
      {item.bodyAr ? (
        <Box
          ref={box}
          onScroll={checkEnd}
          tabIndex={0}
          role="region"
          aria-label={t('step.textLabel')}
          data-testid="acknowledgement-text"
          lang="ar"
          dir="rtl"
          mah="50vh"
          p="md"
          style={{
            overflowY: 'auto',
            whiteSpace: 'pre-wrap',
            border: '1px solid var(--mantine-color-gray-4)',
            borderRadius: 8,
            lineHeight: 1.9,
          }}
        >
          {item.bodyAr.split('\n').map((line, i) =>
            /^#{1,6}\s/.test(line) ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed text
              <Text key={i} component="span" fw={700} display="block">
                {line.replace(/^#{1,6}\s+/, '')}
              </Text>
            ) : (
              `${line}\n`
            ),
          )}
        </Box>
      ) : (
        <Text>
          {t('step.pdfOnly')}{' '}
          <Anchor href={`/documents/${item.slug}`} target="_blank" rel="noopener" onClick={() => setRead(true)}>
            {t('step.openPdf')}
          </Anchor>
        </Text>
      )}
      {!hasRead && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('step.scrollHint')}
        </Text>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <ProblemAlert message={problem} />
          <Checkbox label={t('step.agree')} checked={isAgreed} disabled={!hasRead} onChange={(e) => setAgreed(e.currentTarget.checked)} />
          {useCode ? (
            <TextInput
              label={t('step.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              dir="ltr"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
            />
          ) : (
            <PasswordInput
              label={t('step.password')}
              autoComplete="current-password"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
            />
          )}
          {hasTotp && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setUseCode(!useCode);
                setSecret('');
              }}
            >
              {useCode ? t('step.usePassword') : t('step.useCode')}
            </Anchor>
          )}
          <Group gap="sm">
            <Button type="submit" size="md" loading={isSending} disabled={!hasRead || !isAgreed || !secret}>
              {t('step.confirm')}
            </Button>
            {onPostpone && (
              <Button variant="default" size="md" onClick={onPostpone}>
                {t('step.later')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      <SignOutLink />
    </AuthLayout>
  );
}
