/** Create/edit an account: name, mobile and role grants. A new account gets a temporary password. */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleScope, type RoleGrant } from '../../../../common/auth/roles.ts';
import { UserInput, type User } from '../../../../common/auth/schemas.ts';
import { zodRule } from '../../components/formRules.ts';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useSaveRecord, type useEditor } from '../../components/useEditor.ts';
import { RoleGrantsField } from './RoleGrantsField.tsx';
import type { TempPassword } from './TempPasswordModal.tsx';

const S = UserInput.shape;

interface Values {
  username: string;
  displayName: string;
  mobile?: string | null;
  roles: RoleGrant[];
}

/** Keeps only the scope id each role needs. */
function cleanGrants(grants: RoleGrant[]): RoleGrant[] {
  return grants.map((g) => {
    const scope = roleScope[g.role];
    return {
      role: g.role,
      villageId: scope === 'village' ? (g.villageId ?? null) : null,
      teamId: scope === 'team' ? (g.teamId ?? null) : null,
      departmentId: scope === 'department' ? (g.departmentId ?? null) : null,
    };
  });
}

interface UserFormProps {
  editor: ReturnType<typeof useEditor<User>>;
  onCreated: (result: TempPassword) => void;
}

export function UserForm({ editor, onCreated }: UserFormProps) {
  const { t } = useTranslation();
  const save = useSaveRecord<TempPassword>('/api/users');
  const record = editor.record;

  const submit = async (values: Values) => {
    const roles = cleanGrants(values.roles);
    if (record) {
      const body: Record<string, unknown> = { displayName: values.displayName, roles };
      if (values.mobile) body.mobile = values.mobile;
      return save(record, body);
    }
    const result = await save(null, { ...values, roles });
    onCreated(result);
    return result;
  };

  return (
    <RecordFormDrawer<Values>
      open={editor.open}
      width={600}
      title={record ? t('users.editTitle') : t('users.createTitle')}
      onClose={editor.close}
      successMessage={record ? t('common.savedOk') : t('common.createdOk')}
      initialValues={
        record
          ? { username: record.username, displayName: record.displayName, roles: record.roles }
          : { roles: [{ role: 'member' }] as RoleGrant[] }
      }
      onSubmit={submit}
    >
      <Form.Item
        name="username"
        label={t('fields.username')}
        required
        rules={record ? [] : [zodRule(t, S.username)]}
        extra={record ? undefined : t('users.usernameHelp')}
      >
        <Input maxLength={32} disabled={Boolean(record)} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('fields.displayName')} required rules={[zodRule(t, S.displayName)]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('fields.mobile')}
        rules={[zodRule(t, S.mobile)]}
        extra={record?.mobile ? t('people.maskedHint') : undefined}
      >
        <Input maxLength={20} inputMode="tel" placeholder={record?.mobile ?? undefined} />
      </Form.Item>
      <RoleGrantsField />
    </RecordFormDrawer>
  );
}
