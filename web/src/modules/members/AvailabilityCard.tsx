/** When the member can serve (weekdays × parts of the day) and the public alias; edited in place. */
import { EditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Checkbox, Descriptions, Form, Input, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ShiftPart, type Availability, type Member } from '../../../../common/members/schemas.ts';
import { api, ApiError } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';

const DAYS = [1, 2, 3, 4, 5, 6, 7];

export function AvailabilityCard({ member, onSaved }: { member: Member; onSaved: (m: Member) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [anyTime, setAnyTime] = useState(member.availability === null);
  const [value, setValue] = useState<Availability>(
    member.availability ?? { weekdays: DAYS, shifts: ['morning', 'afternoon'] },
  );
  const [alias, setAlias] = useState(member.publicAlias ?? '');
  const save = useMutation({
    mutationFn: () =>
      api<Member>(`/api/members/${member.id}/profile`, {
        method: 'PATCH',
        body: { availability: anyTime ? null : value, publicAlias: alias, version: member.version },
      }),
    onSuccess: (m) => {
      onSaved(m);
      setEditing(false);
      notify.success(t('common.savedOk'));
    },
    onError: (error) => notify.error(error instanceof ApiError ? error.message : String(error)),
  });
  const a = member.availability;
  const days = (list: number[]) => list.map((d) => t(`memberPages.weekday.${d}`)).join(' ');
  const parts = (list: string[]) => list.map((p) => t(`memberPages.part.${p}`)).join(' ');
  return (
    <Card
      variant="borderless"
      title={t('memberPages.availability')}
      extra={
        member.can.update &&
        !editing && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {!editing ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('memberPages.weekdays')}>
            {a ? days(a.weekdays) : t('memberPages.anyTime')}
          </Descriptions.Item>
          <Descriptions.Item label={t('memberPages.parts')}>
            {a ? parts(a.shifts) : t('memberPages.anyTime')}
          </Descriptions.Item>
          <Descriptions.Item label={t('memberPages.publicAlias')}>
            {member.publicAlias ?? t('common.none')}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('memberPages.anyTime')}>
            <Switch checked={anyTime} onChange={setAnyTime} />
          </Form.Item>
          {!anyTime && (
            <>
              <Form.Item label={t('memberPages.weekdays')}>
                <Checkbox.Group
                  options={DAYS.map((d) => ({ value: d, label: t(`memberPages.weekday.${d}`) }))}
                  value={value.weekdays}
                  onChange={(weekdays) => setValue({ ...value, weekdays: weekdays as number[] })}
                />
              </Form.Item>
              <Form.Item label={t('memberPages.parts')}>
                <Checkbox.Group
                  options={ShiftPart.options.map((p) => ({ value: p, label: t(`memberPages.part.${p}`) }))}
                  value={value.shifts}
                  onChange={(shifts) => setValue({ ...value, shifts: shifts as Availability['shifts'] })}
                />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('memberPages.publicAlias')} extra={t('memberPages.publicAliasHint')}>
            <Input maxLength={20} value={alias} onChange={(e) => setAlias(e.target.value)} />
          </Form.Item>
          <Space>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
              {t('common.save')}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
