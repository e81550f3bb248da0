import { Checkbox, Fieldset, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { TaxonomyItem } from '../../contracts/settings.js';
import { STAFF_ROLES, type StaffRole } from '../../domain/roles.js';
import { useDepartments } from '../acknowledgements/acknowledgements-api.js';
import { useLanguage } from '../ui/language.js';
import { type Taxonomies, useTaxonomies } from './users-api.js';

export interface UserFormValues {
  username: string;
  displayName: string;
  email: string;
  roles: StaffRole[];
  scope: { categories: string[]; domains: string[]; offices: string[] };
  /** Issue 26 §4 (R2): '' for none (accounts made before departments existed). */
  departmentId: string;
}

export const emptyUserForm: UserFormValues = {
  username: '',
  displayName: '',
  email: '',
  roles: [],
  scope: { categories: [], domains: [], offices: [] },
  departmentId: '',
};

type ScopeKind = keyof Taxonomies;
const SCOPE_KINDS: ScopeKind[] = ['categories', 'domains', 'offices'];

/** Active items, plus inactive ones still in this person's scope (so they can be seen and removed). */
function scopeChoices(items: TaxonomyItem[], selected: string[], language: 'ar' | 'en', inactiveLabel: string) {
  return items
    .filter((item) => item.isActive || selected.includes(item.code))
    .map((item) => {
      const name = language === 'ar' ? item.nameAr : item.nameEn;
      return { value: item.code, label: item.isActive ? name : `${name} (${inactiveLabel})` };
    });
}

/** The fields of a staff account: name, username (new accounts only), e-mail, roles, scope. */
export function UserFormFields({
  form,
  isNew,
  isReadOnly = false,
}: {
  form: UseFormReturnType<UserFormValues>;
  isNew: boolean;
  isReadOnly?: boolean;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const taxonomies = useTaxonomies();
  const departments = useDepartments();
  const departmentChoices = (departments.data?.items ?? [])
    .filter((d) => d.isActive || d.id === form.getValues().departmentId)
    .map((d) => ({ value: d.id, label: language === 'ar' ? d.nameAr : d.nameEn }));
  const values = form.getValues();

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('users.displayName')}
          description={t('users.displayNameHint')}
          required
          disabled={isReadOnly}
          dir="auto"
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label={t('users.username')}
          description={isNew ? t('users.usernameHint') : undefined}
          required={isNew}
          disabled={!isNew || isReadOnly}
          dir="ltr"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
        <TextInput
          // Read-only (HR's view): "(optional)" says nothing to someone who cannot type (issue 27 §6).
          label={isReadOnly ? t('users.email') : `${t('users.email')} (${t('common.optional')})`}
          type="email"
          dir="ltr"
          autoComplete="off"
          disabled={isReadOnly}
          {...form.getInputProps('email')}
        />
        {departmentChoices.length > 0 && (
          <Select
            label={t('users.department')}
            required={isNew}
            data={departmentChoices}
            searchable
            disabled={isReadOnly}
            {...form.getInputProps('departmentId')}
            onChange={(value) => form.setFieldValue('departmentId', value ?? '')}
          />
        )}
      </SimpleGrid>

      <Checkbox.Group label={t('users.roles')} description={t('users.rolesHint')} required {...form.getInputProps('roles')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
          {STAFF_ROLES.map((role) => (
            <Checkbox key={role} value={role} disabled={isReadOnly} label={t(`roles.${role}`)} description={t(`roleHints.${role}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>

      <Fieldset legend={t('users.scope')} variant="filled" radius="md">
        <Text size="sm" c="dimmed" mb="sm">
          {t('users.scopeHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          {SCOPE_KINDS.map((kind) => (
            <MultiSelect
              key={kind}
              label={t(`users.${kind}`)}
              placeholder={values.scope[kind].length ? undefined : t('users.allPlaceholder')}
              data={scopeChoices(taxonomies.data?.[kind] ?? [], values.scope[kind], language, t('common.inactive'))}
              searchable
              clearable
              disabled={isReadOnly || !taxonomies.data}
              nothingFoundMessage="—"
              {...form.getInputProps(`scope.${kind}`)}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
