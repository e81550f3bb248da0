import { Paper, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TaxonomyKindValue } from '../../contracts/settings.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { AssociationForm } from './association-form.js';
import { CONSENT_SETTINGS_NS, ConsentPurposesPanel, PrivacyNoticesPanel } from './consent-settings.js';
import { SecurityForm } from './security-form.js';
import { useAllSettings } from './settings-api.js';
import { TaxonomyPanel } from './taxonomy-panel.js';

const TABS = ['association', 'security', 'categories', 'domains', 'offices', 'purposes', 'notices'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, string> = {
  association: 'settings.tabAssociation',
  security: 'settings.tabSecurity',
  categories: 'settings.tabCategories',
  domains: 'settings.tabDomains',
  offices: 'settings.tabOffices',
  purposes: `${CONSENT_SETTINGS_NS}:tabPurposes`,
  notices: `${CONSENT_SETTINGS_NS}:tabNotices`,
};
const KINDS: TaxonomyKindValue[] = ['categories', 'domains', 'offices'];

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const settings = useAllSettings();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = TABS.find((name) => name === asked) ?? 'association';

  if (!hasRole(me.roles, 'administrator')) return <NotAllowed />;

  return (
    <Page title={t('settings.title')}>
      {settings.isPending && <PageLoader />}
      {settings.isError && <LoadFailure message={errorMessage(t, settings.error)} />}
      {settings.data && (
        <Tabs
          value={tab}
          onChange={(next) => setParams(next && next !== 'association' ? { tab: next } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List mb="md">
            {TABS.map((name) => (
              <Tabs.Tab key={name} value={name}>
                {t(TAB_LABEL[name])}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
            <Tabs.Panel value="association">
              <AssociationForm association={settings.data.association} />
            </Tabs.Panel>
            <Tabs.Panel value="security">
              <SecurityForm security={settings.data.security} />
            </Tabs.Panel>
            {KINDS.map((kind) => (
              <Tabs.Panel key={kind} value={kind}>
                <TaxonomyPanel kind={kind} listName={t(TAB_LABEL[kind])} items={settings.data[kind]} />
              </Tabs.Panel>
            ))}
            <Tabs.Panel value="purposes">
              <ConsentPurposesPanel />
            </Tabs.Panel>
            <Tabs.Panel value="notices">
              <PrivacyNoticesPanel />
            </Tabs.Panel>
          </Paper>
        </Tabs>
      )}
    </Page>
  );
}
