import { Badge, Button, FileInput, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRiyals } from '../../domain/compensation-status.js';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { errorMessage, requiredMessage } from '../ui/problems.js';
import { type CompensationDetail, casePath, useCaseWrite } from './compensation-api.js';
import { COMPENSATION_NS } from './i18n.js';

/** D3: rulings recorded with their scan; a ruling not final establishes nothing. */
export function RulingsSection({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { language } = useLanguage();
  if (!detail.rulings.length && !detail.abilities.recordRuling) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="rulings-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="rulings-title">
          {t('ruling.title')}
        </Title>
        {detail.rulings.map((r) => (
          <Group key={r.id} gap="xs">
            <Badge color={r.isFinal ? 'teal' : 'gray'} variant="light">
              {t(r.isFinal ? 'ruling.final' : 'ruling.notFinal')}
            </Badge>
            <Text size="sm">
              {r.authority} — <Ltr>{r.rulingNumber}</Ltr> — <Ltr>{r.rulingDay}</Ltr>
              {r.amountHalalas !== null && (
                <>
                  {' — '}
                  {formatRiyals(r.amountHalalas, language)}
                </>
              )}
            </Text>
          </Group>
        ))}
        {detail.abilities.recordRuling && <RulingForm detail={detail} />}
      </Stack>
    </Paper>
  );
}

function RulingForm({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const [values, setValues] = useState({ authority: '', rulingNumber: '', rulingDay: '', summary: '' });
  // Issue 27 §4: whether the ruling is final is a fact to record (D3: only a final one establishes fault), never pre-selected.
  const [finality, setFinality] = useState<'true' | 'false' | null>(null);
  const [finalityError, setFinalityError] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const write = useCaseWrite(detail.id, (form: FormData) => api.upload<CompensationDetail>(casePath(detail.id, '/rulings'), form));
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) =>
    setValues({ ...values, [key]: e.currentTarget.value });
  const submit = () => {
    setFinalityError(finality ? null : requiredMessage(tc, t('ruling.finality')));
    if (!finality) return;
    const form = new FormData();
    form.set('authority', values.authority.trim());
    form.set('rulingNumber', values.rulingNumber.trim());
    form.set('rulingDay', values.rulingDay.trim());
    form.set('isFinal', finality);
    if (amount !== '' && amount > 0) form.set('amountHalalas', String(amount));
    if (values.summary.trim()) form.set('summary', values.summary.trim());
    if (file) form.set('file', file);
    write.mutate(form, { onSuccess: () => notifySuccess(t('ruling.saved')), onError: (error) => notifyError(errorMessage(tc, error)) });
  };
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('ruling.record')}</Text>
      <Group grow wrap="wrap">
        <TextInput label={t('ruling.authority')} maxLength={200} value={values.authority} onChange={set('authority')} />
        <TextInput label={t('ruling.number')} maxLength={100} value={values.rulingNumber} onChange={set('rulingNumber')} />
        <TextInput label={t('ruling.day')} placeholder="2026-03-01" maxLength={10} value={values.rulingDay} onChange={set('rulingDay')} />
        <NumberField kind="riyals" label={t('ruling.amount')} value={amount} onChange={setAmount} />
      </Group>
      <Textarea label={t('ruling.summary')} autosize minRows={1} maxLength={2000} value={values.summary} onChange={set('summary')} />
      <Radio.Group
        label={t('ruling.finality')}
        withAsterisk
        value={finality}
        onChange={(value) => {
          setFinality(value as 'true' | 'false');
          setFinalityError(null);
        }}
        error={finalityError}
      >
        <Group gap="lg" mt={6}>
          <Radio value="true" label={t('ruling.final')} />
          <Radio value="false" label={t('ruling.notFinal')} />
        </Group>
      </Radio.Group>
      <Group align="flex-end">
        <FileInput
          label={t('ruling.file')}
          accept="application/pdf,image/jpeg,image/png,image/webp"
          value={file}
          onChange={setFile}
          clearable
        />
        <Button variant="light" loading={write.isPending} onClick={submit}>
          {t('ruling.record')}
        </Button>
      </Group>
    </Stack>
  );
}
