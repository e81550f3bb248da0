import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { type Template, useResetTemplate, useSaveTemplate } from './notifications-api.js';

/** Channels whose messages have a subject (e-mail subject, letter title, staff-app title), as the server checks. */
const CHANNELS_WITH_SUBJECT = ['email', 'letter', 'staff-app'];

interface Values {
  subject: string;
  body: string;
  whatsappTemplate: string;
}
type TextField = 'subject' | 'body';

/**
 * Edits one template. The event's placeholders are listed and inserted at the cursor by a click;
 * the server checks them when saved and its refusals appear under the field they concern.
 */
export function TemplateEditor({
  template,
  title,
  placeholders,
  required,
  onClose,
}: {
  template: Template;
  title: string;
  placeholders: string[];
  required: string[];
  onClose(): void;
}) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const hasSubject = CHANNELS_WITH_SUBJECT.includes(template.channel);
  const isWhatsapp = template.channel === 'whatsapp';
  const form = useForm<Values>({
    initialValues: { subject: template.subject ?? '', body: template.body, whatsappTemplate: template.whatsappTemplate ?? '' },
  });
  const problem = useFormProblem(form);
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  const [isResetting, setResetting] = useState(false);
  const fields = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  const [target, setTarget] = useState<TextField>('body');
  const direction = template.language === 'ar' ? 'rtl' : 'ltr';

  const insert = (name: string) => {
    const element = fields[target].current;
    const token = `{{${name}}}`;
    const value = form.getValues()[target];
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    form.setFieldValue(target, value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = (values: Values) => {
    problem.clear();
    save.mutate(
      {
        template,
        body: {
          body: values.body,
          ...(hasSubject ? { subject: values.subject.trim() ? values.subject : null } : {}),
          ...(isWhatsapp ? { whatsappTemplate: values.whatsappTemplate.trim() || null } : {}),
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t('templateSaved'));
          onClose();
        },
        onError: problem.handle,
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered closeButtonProps={{ 'aria-label': tc('common.close') }}>
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          <Stack gap={6}>
            <Text size="sm" fw={500} id="placeholders-label">
              {t('placeholders')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('placeholdersHint')}
            </Text>
            <Group gap={6} role="group" aria-labelledby="placeholders-label">
              {placeholders.map((name) => (
                <Button
                  key={name}
                  size="compact-sm"
                  variant="light"
                  color="gray"
                  aria-label={t('insert', { name })}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => insert(name)}
                >
                  <Ltr>{`{{${name}}}${required.includes(name) ? ' *' : ''}`}</Ltr>
                </Button>
              ))}
            </Group>
          </Stack>
          {hasSubject && (
            <TextInput
              label={t('subject')}
              ref={fields.subject}
              dir={direction}
              maxLength={300}
              onFocus={() => setTarget('subject')}
              {...form.getInputProps('subject')}
            />
          )}
          <Textarea
            label={t('body')}
            ref={fields.body}
            required
            dir={direction}
            autosize
            minRows={5}
            maxRows={14}
            maxLength={5000}
            onFocus={() => setTarget('body')}
            {...form.getInputProps('body')}
          />
          {isWhatsapp && <TextInput label={t('whatsappTemplate')} dir="ltr" required {...form.getInputProps('whatsappTemplate')} />}
          <Group justify="space-between" gap="sm">
            <Button variant="subtle" color="red" disabled={!template.isEdited} onClick={() => setResetting(true)}>
              {t('reset')}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {tc('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {tc('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={isResetting}
        title={t('resetTitle')}
        message={t('resetMessage')}
        confirmLabel={t('reset')}
        color="red"
        isPending={reset.isPending}
        onClose={() => setResetting(false)}
        onConfirm={() =>
          reset.mutate(template, {
            onSuccess: () => {
              notifySuccess(t('templateReset'));
              onClose();
            },
            onError: (error) => {
              setResetting(false);
              problem.handle(error);
            },
          })
        }
      />
    </Modal>
  );
}
