/** Adds a person from the people registry to a team, with a role and an optional squad. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../common/people/schemas.ts';
import { TeamRole, type Team } from '../../../../common/teams/schemas.ts';
import { api, type ListResult } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { enumOptions } from '../../components/enums.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { useDebounced } from '../../components/useDebounced.ts';

interface Values {
  personId: string;
  role: TeamRole;
  squadId?: string;
}

interface AddMemberModalProps {
  team: Team;
  open: boolean;
  onClose: () => void;
  squadOptions: { value: string; label: string }[];
}

export function AddMemberModal({ team, open, onClose, squadOptions }: AddMemberModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const people = useQuery({
    queryKey: ['/api/people', 'pick', q],
    queryFn: () => api<ListResult<Person>>('/api/people', { query: { q, pageSize: 20 } }),
    enabled: open,
  });
  const add = useMutation({
    mutationFn: (v: Values) =>
      api(`/api/teams/${team.id}/members`, { method: 'POST', body: { ...v, squadId: v.squadId ?? null } }),
  });

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await add.mutateAsync(values);
      notify.success(t('teams.memberAdded'));
      form.resetFields();
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
    }
  };

  return (
    <Modal
      open={open}
      title={t('teams.addMemberTitle', { team: team.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'member' }} preserve={false}>
        <Form.Item
          name="personId"
          label={t('fields.personId')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('teams.searchPerson')}
            loading={people.isFetching}
            options={(people.data?.items ?? []).map((p) => ({
              value: p.id,
              label: [p.name, p.villageName, p.mobile].filter(Boolean).join(' · '),
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('fields.role')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={enumOptions(t, 'teamRole', TeamRole.options)} />
        </Form.Item>
        <Form.Item name="squadId" label={t('fields.squadId')}>
          <Select allowClear placeholder={t('teams.noSquad')} options={squadOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
