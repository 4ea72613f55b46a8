/** Dispatch target: the kind (team, squad, member, department) and a record of that kind. */
import { Form, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNEE_KINDS, type AssigneeKind } from '../../../../common/requests/lifecycle.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { useOptions } from '../../components/useOptions.ts';

const ENDPOINTS: Record<AssigneeKind, string> = {
  team: '/api/teams',
  squad: '/api/squads',
  member: '/api/people',
  department: '/api/departments',
};

export function AssigneeField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kind = (Form.useWatch(['assignee', 'kind'], form) as AssigneeKind | undefined) ?? 'team';
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const options = useOptions(ENDPOINTS[kind], kind === 'member' ? { q: q || undefined } : {});
  return (
    <>
      <Form.Item name={['assignee', 'kind']} label={t('requests.assigneeKind')} initialValue="team" required>
        <Radio.Group
          optionType="button"
          options={ASSIGNEE_KINDS.map((k) => ({ value: k, label: t(`enums.assigneeKind.${k}`) }))}
          onChange={() => form.setFieldValue(['assignee', 'id'], undefined)}
          data-testid="assignee-kind"
        />
      </Form.Item>
      <Form.Item
        name={['assignee', 'id']}
        label={t('requests.assigneeTarget')}
        required
        rules={[{ required: true, message: t('validation.assigneeRequired') }]}
      >
        <Select
          showSearch={kind === 'member' ? { filterOption: false, onSearch: setSearch } : { optionFilterProp: 'label' }}
          placeholder={kind === 'member' ? t('requests.searchMember') : undefined}
          options={options.options}
          loading={options.loading}
          data-testid="assignee-target"
        />
      </Form.Item>
    </>
  );
}
