import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SetupItem, TestChannel } from '../../contracts/setup.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { useMarkDate, useSetupStatus } from '../ui/setup-status.js';
import { SETUP_NS } from './i18n.js';
import { TestMessageDialog } from './test-message-dialog.js';

/**
 * The administrator's set-up checklist (issue 27 §7) on the home page: each item ticked or not,
 * why, and where it is done; "ready" once every item is.
 */
export function SetupCard() {
  const { t } = useTranslation(SETUP_NS);
  const status = useSetupStatus();
  const { number } = useFormat();
  const [testing, setTesting] = useState<TestChannel | null>(null);
  if (!status.data) return null;
  const { items, isReady } = status.data;
  const done = items.filter((i) => i.isDone).length;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="setup-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="md">
            {t('title')}
          </Title>
          <Badge variant="light" color={isReady ? 'teal' : 'gray'} size="lg" radius="sm" data-testid="setup-progress">
            {t('progress', { done: number(done), total: number(items.length) })}
          </Badge>
        </Group>
        {isReady ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} aria-hidden />} data-testid="setup-ready" role="status">
            {t('ready')}
          </Alert>
        ) : (
          <Text c="dimmed" fz="sm">
            {t('intro')}
          </Text>
        )}
        <List spacing="sm" listStyleType="none" ps={0}>
          {items.map((item) => (
            <SetupLine key={item.key} item={item} onTest={() => setTesting(item.key.replace('transport-', '') as TestChannel)} />
          ))}
        </List>
      </Stack>
      {testing && <TestMessageDialog channel={testing} title={t(`items.transport-${testing}`)} onClose={() => setTesting(null)} />}
    </Card>
  );
}

function SetupLine({ item, onTest }: { item: SetupItem; onTest: () => void }) {
  const { t } = useTranslation(SETUP_NS);
  const { language } = useLanguage();
  const { number } = useFormat();
  const dateOf = useMarkDate();
  const params = item.params;
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? t('sizeKb', { n: number(Math.max(1, Math.round(bytes / 1024))) })
      : t('sizeMb', { n: number(Math.round(bytes / 104857.6) / 10) });
  const reason = t(`reasons.${item.reason}`, {
    ...params,
    names: language === 'ar' ? params.namesAr : params.namesEn,
    cells: language === 'ar' ? params.cellsAr : params.cellsEn,
    total: typeof params.count === 'number' ? number(params.count) : '',
    name: item.mark?.byName ?? t('commandLine'),
    date: item.mark ? dateOf(item.mark) : '',
    size: item.mark?.bytes ? size(item.mark.bytes) : '',
  });
  const title = t(`items.${item.key}`);
  return (
    <List.Item
      data-testid={`setup-item-${item.key}`}
      data-done={item.isDone ? 'true' : 'false'}
      icon={
        <ThemeIcon color={item.isDone ? 'teal' : 'gray'} variant={item.isDone ? 'filled' : 'light'} radius="xl" size="md">
          {item.isDone ? <IconCircleCheck size={18} aria-label={t('done')} /> : <IconCircleDashed size={18} aria-label={t('notDone')} />}
        </ThemeIcon>
      }
    >
      <Stack gap={2}>
        <Text fw={600} id={`setup-title-${item.key}`}>
          {title}
        </Text>
        <Text fz="sm" c={item.isDone ? 'dimmed' : undefined}>
          {reason}
        </Text>
        <Group gap="sm">
          {item.link && !item.isDone && (
            <Anchor component={Link} to={item.link} fz="sm" aria-describedby={`setup-title-${item.key}`}>
              {t('open')}
            </Anchor>
          )}
          {item.canTest && (
            <Button
              size="compact-sm"
              variant={item.isDone ? 'subtle' : 'light'}
              onClick={onTest}
              aria-describedby={`setup-title-${item.key}`}
            >
              {t('test.open')}
            </Button>
          )}
        </Group>
      </Stack>
    </List.Item>
  );
}
