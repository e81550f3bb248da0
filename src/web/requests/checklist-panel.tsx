import { Badge, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconFile, IconForms, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Completeness } from '../../contracts/requests.js';
import { useLanguage } from '../ui/language.js';
import { fieldErrorMessage } from '../ui/problems.js';
import { REQUESTS_NS } from './i18n.js';

/**
 * The checklist as the family and staff see it (C3): each item satisfied or missing, in plain words,
 * and a count of what is still needed before the request can go on.
 */
export function ChecklistPanel({ completeness }: { completeness: Completeness }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const missing = completeness.items.filter((item) => !item.isSatisfied && (item.isRequired || item.problem));
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="checklist-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="lg" id="checklist-title">
            {t('checklist.title')}
          </Title>
          <Badge variant="light" color={completeness.isChecklistSatisfied ? 'green' : 'orange'} size="lg">
            {completeness.isChecklistSatisfied
              ? t('checklist.complete')
              : t('checklist.missingCount', { count: missing.length, n: missing.length })}
          </Badge>
        </Group>
        <List spacing="xs" center data-testid="checklist">
          {completeness.items.map((item) => {
            const label = language === 'ar' ? item.labelAr : item.labelEn;
            const isMissing = !item.isSatisfied && (item.isRequired || Boolean(item.problem));
            return (
              <List.Item
                key={item.key}
                data-satisfied={item.isSatisfied ? 'true' : 'false'}
                icon={
                  <ThemeIcon
                    size={24}
                    radius="xl"
                    variant="light"
                    color={item.isSatisfied ? 'green' : isMissing ? 'red' : 'gray'}
                    aria-hidden
                  >
                    {item.isSatisfied ? <IconCheck size={16} /> : <IconX size={16} />}
                  </ThemeIcon>
                }
              >
                <Group gap={6} wrap="nowrap" align="baseline">
                  {item.kind === 'document' ? <IconFile size={14} aria-hidden /> : <IconForms size={14} aria-hidden />}
                  <Text span fw={isMissing ? 600 : 400}>
                    {label}
                  </Text>
                  <Text span size="sm" c={item.isSatisfied ? 'green.8' : isMissing ? 'red.8' : 'dimmed'}>
                    —{' '}
                    {item.isSatisfied
                      ? t('checklist.satisfied')
                      : item.problem && item.problem !== 'checklist.missing'
                        ? fieldErrorMessage(tc, item.problem)
                        : item.isRequired
                          ? item.kind === 'document'
                            ? t('checklist.documentMissing')
                            : t('checklist.fieldMissing')
                          : t('checklist.optional')}
                  </Text>
                </Group>
              </List.Item>
            );
          })}
        </List>
        <Text size="sm" c={completeness.isAttested ? 'green.8' : 'dimmed'}>
          {completeness.isAttested ? t('checklist.attested') : t('checklist.notAttested')}
        </Text>
      </Stack>
    </Paper>
  );
}
