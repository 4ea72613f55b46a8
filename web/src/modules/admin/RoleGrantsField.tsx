/** The roles of an account: one row per role with the scope select its kind needs. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, roleScope, type Role } from '../../../../common/auth/roles.ts';
import { enumOptions } from '../../components/enums.ts';
import { useScopes } from './useScopes.ts';

const SCOPE_FIELD = { village: 'villageId', team: 'teamId', department: 'departmentId' } as const;

export function RoleGrantsField() {
  const { t } = useTranslation();
  const scopes = useScopes();
  const scopeOptions = { village: scopes.villages, team: scopes.teams, department: scopes.departments };

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_r, value: unknown[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('validation.rolesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('fields.roles')} required>
          {fields.map((field) => (
            <Space key={field.key} align="start" style={{ display: 'flex', marginBottom: 8 }} wrap>
              <Form.Item
                name={[field.name, 'role']}
                noStyle
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Select style={{ width: 150 }} options={enumOptions(t, 'role', ROLES)} placeholder={t('fields.role')} />
              </Form.Item>
              <Form.Item noStyle dependencies={[['roles', field.name, 'role']]}>
                {({ getFieldValue }) => {
                  const role = getFieldValue(['roles', field.name, 'role']) as Role | undefined;
                  const scope = role ? roleScope[role] : 'town';
                  if (scope !== 'village' && scope !== 'team' && scope !== 'department') {
                    return (
                      <span style={{ lineHeight: '32px', color: '#8c8c8c' }}>
                        {scope === 'self' ? t('users.scopeSelf') : t('users.scopeTown')}
                      </span>
                    );
                  }
                  return (
                    <Form.Item
                      name={[field.name, SCOPE_FIELD[scope]]}
                      style={{ marginBottom: 0 }}
                      rules={[{ required: true, message: t('validation.scopeRequired') }]}
                    >
                      <Select
                        style={{ width: 200 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder={t('users.pickScope')}
                        loading={scopes.loading}
                        options={scopeOptions[scope]}
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />}
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('users.addRole')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}
