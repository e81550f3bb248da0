import { Anchor, Badge, Button, FileInput, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRiyals, PAYMENT_METHODS } from '../../domain/compensation-status.js';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { errorMessage, requiredMessage } from '../ui/problems.js';
import { type CompensationDetail, casePath, useCaseWrite } from './compensation-api.js';
import { SettlementSignature } from './compensation-settlement-sign.js';
import { COMPENSATION_NS } from './i18n.js';

/** Issue 23 §4: the agreed terms, their printed agreement, the family's attestation (signed on the screen or on the printed form) and the settlement itself. */
export function SettlementSection({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const s = detail.settlement;
  const isEditable = detail.abilities.saveSettlement;
  const [amount, setAmount] = useState<number | ''>(s ? s.amountHalalas : '');
  const [values, setValues] = useState({
    schedule: s?.schedule ?? '',
    remedy: s?.remedy ?? '',
  });
  const save = useCaseWrite(detail.id, (body: Record<string, unknown>) =>
    api.put<CompensationDetail>(casePath(detail.id, '/settlement'), body),
  );
  const settle = useCaseWrite(detail.id, () => api.post<CompensationDetail>(casePath(detail.id, '/settle')));
  if (!s && !isEditable) return null;
  const done = (key: string) => ({
    onSuccess: () => notifySuccess(t(key)),
    onError: (error: unknown) => notifyError(errorMessage(tc, error)),
  });
  const submit = () => {
    const body: Record<string, unknown> = {
      amountHalalas: amount === '' ? 0 : amount,
      schedule: values.schedule.trim(),
      hasApology: false,
    };
    if (values.remedy.trim()) body.remedy = values.remedy.trim();
    save.mutate(body, done('settlement.saved'));
  };
  const documentUrl = (lang: 'ar' | 'en') => `/api/v1${casePath(detail.id, `/settlement/document?language=${lang}`)}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="settlement-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="settlement-title">
          {t('settlement.title')}
        </Title>
        {s && (
          <>
            <Text>
              {formatRiyals(s.amountHalalas, language)} — {s.schedule}
            </Text>
            <Badge color={s.isAttested ? 'green' : 'orange'} variant="light" data-testid="settlement-attested">
              {t(s.isAttested ? 'settlement.attested' : 'settlement.notAttested')}
            </Badge>
            <Text size="xs" c="dimmed">
              SHA-256: <Ltr>{s.dataSha256}</Ltr>
            </Text>
            <Group gap="md">
              <Anchor href={documentUrl('ar')} target="_blank" rel="noopener">
                {t('settlement.print')}
              </Anchor>
              <Anchor href={documentUrl('en')} target="_blank" rel="noopener">
                {t('settlement.printEn')}
              </Anchor>
              <Anchor href={`/api/v1/attestations/compensation-settlement/${detail.id}/form`} target="_blank" rel="noopener">
                {t('settlement.attest')}
              </Anchor>
            </Group>
            <SettlementSignature detail={detail} />
          </>
        )}
        {isEditable && (
          <Stack gap="xs">
            <Group grow wrap="wrap">
              <NumberField kind="riyals" label={t('settlement.amount')} value={amount} onChange={setAmount} />
              <TextInput
                label={t('rounds.remedy')}
                value={values.remedy}
                onChange={(e) => setValues({ ...values, remedy: e.currentTarget.value })}
              />
            </Group>
            <Textarea
              label={t('settlement.schedule')}
              autosize
              minRows={1}
              maxLength={2000}
              value={values.schedule}
              onChange={(e) => setValues({ ...values, schedule: e.currentTarget.value })}
            />
            <Group>
              <Button variant="light" loading={save.isPending} onClick={submit}>
                {t('settlement.save')}
              </Button>
              {detail.abilities.settle && (
                <Button loading={settle.isPending} onClick={() => settle.mutate(undefined, done('actions.done'))}>
                  {t('settlement.settle')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** Issue 23 §4: instalments, never above the settlement; the case closes when all is delivered. */
export function PaymentsSection({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  // Issue 27 §4: how it was paid is a fact to record, never pre-selected.
  const [values, setValues] = useState({ method: '', paidDay: '', reference: '' });
  const [methodError, setMethodError] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const write = useCaseWrite(detail.id, (form: FormData) => api.upload<CompensationDetail>(casePath(detail.id, '/payments'), form));
  const canPay = detail.abilities.pay;
  if (!detail.payments.length && !canPay) return null;
  const total = detail.settlement?.amountHalalas ?? 0;
  const submit = () => {
    setMethodError(values.method ? null : requiredMessage(tc, t('payments.method')));
    if (!values.method) return;
    const form = new FormData();
    form.set('amountHalalas', String(amount === '' ? 0 : amount));
    form.set('method', values.method);
    form.set('paidDay', values.paidDay.trim());
    if (values.reference.trim()) form.set('reference', values.reference.trim());
    if (file) form.set('file', file);
    write.mutate(form, { onSuccess: () => notifySuccess(t('payments.saved')), onError: (error) => notifyError(errorMessage(tc, error)) });
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="payments-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="payments-title">
          {t('payments.title')}
        </Title>
        <Text>
          {t('payments.paid')}: {formatRiyals(detail.paidHalalas, language)} — {t('payments.remaining')}:{' '}
          {formatRiyals(total - detail.paidHalalas, language)}
        </Text>
        {detail.payments.map((p) => (
          <Text key={p.id} size="sm" data-testid="compensation-payment">
            {formatRiyals(p.amountHalalas, language)} — {t(`payments.methods.${p.method}`)} — <Ltr>{p.paidDay}</Ltr> —{' '}
            <DualDay value={p.recordedAt} inline />
          </Text>
        ))}
        {canPay && (
          <Stack gap="xs">
            <Group grow wrap="wrap">
              <NumberField kind="riyals" label={t('payments.amount')} value={amount} onChange={setAmount} />
              <Select
                label={t('payments.method')}
                data={PAYMENT_METHODS.map((value) => ({ value, label: t(`payments.methods.${value}`) }))}
                value={values.method || null}
                withAsterisk
                error={methodError}
                onChange={(value) => {
                  setValues({ ...values, method: value ?? '' });
                  setMethodError(null);
                }}
              />
              <TextInput
                label={t('payments.day')}
                placeholder="2026-03-20"
                maxLength={10}
                value={values.paidDay}
                onChange={(e) => setValues({ ...values, paidDay: e.currentTarget.value })}
              />
              <TextInput
                label={t('payments.reference')}
                maxLength={120}
                value={values.reference}
                onChange={(e) => setValues({ ...values, reference: e.currentTarget.value })}
              />
            </Group>
            <Group align="flex-end">
              <FileInput
                label={t('payments.receipt')}
                accept="application/pdf,image/jpeg,image/png,image/webp"
                value={file}
                onChange={setFile}
                clearable
              />
              <Button loading={write.isPending} onClick={submit}>
                {t('payments.record')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
