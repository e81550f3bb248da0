import { Button, Code, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from './language.js';
import { ProblemAlert } from './problem-alert.js';
import { SignaturePad } from './signature-pad.js';

/**
 * The family reviews what it attests and signs on the screen (C4): the data (given by the caller:
 * a request's answers, a settlement's terms), the SHA-256 the signature binds, the pad and the
 * confirmation. The server refuses the signature when the data changed since it was shown.
 */
export function SignatureReview({
  title,
  intro,
  padLabel,
  confirmLabel,
  dataSha256,
  isPending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  intro: string;
  padLabel: string;
  confirmLabel: string;
  /** Null while the data is loading: nothing can be signed yet. */
  dataSha256: string | null;
  isPending: boolean;
  error: string | null;
  onConfirm(signaturePng: string, dataSha256: string): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 40em)');
  const [signature, setSignature] = useState<string | null>(null);
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="xl"
      fullScreen={Boolean(isPhone)}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text>{intro}</Text>
        {children}
        {dataSha256 && (
          <Text size="xs" c="dimmed">
            {t('signature.fingerprint')}: <Code style={{ wordBreak: 'break-all' }}>{dataSha256}</Code>
          </Text>
        )}
        <SignaturePad label={padLabel} onChange={setSignature} isDisabled={!dataSha256} />
        <ProblemAlert message={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!signature || !dataSha256}
            loading={isPending}
            onClick={() => signature && dataSha256 && onConfirm(signature, dataSha256)}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * What is attested, as a captioned table of lines with labels in both languages (a subject's lines
 * from the server, a request's answers and documents). `key` tells apart lines with the same label.
 */
export function AttestedLines({
  caption,
  lines,
}: {
  caption: string;
  lines: readonly { key?: string; labelAr: string; labelEn: string; value: ReactNode }[];
}) {
  const { language } = useLanguage();
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="xs" captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.key ?? line.labelEn}>
              <Table.Th scope="row" w="40%">
                {language === 'ar' ? line.labelAr : line.labelEn}
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{line.value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
