import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The password policy in plain words (OWASP ASVS 5: length, not composition; common ones refused). */
export function PasswordRules({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <div id={id}>
      <Text fw={600} size="sm" mb={4}>
        {t('auth.password.rulesTitle')}
      </Text>
      <List size="sm" spacing={2}>
        <List.Item>{t('auth.password.ruleLength')}</List.Item>
        <List.Item>{t('auth.password.rulePassphrase')}</List.Item>
        <List.Item>{t('auth.password.ruleNoMix')}</List.Item>
        <List.Item>{t('auth.password.ruleCommon')}</List.Item>
      </List>
    </div>
  );
}
