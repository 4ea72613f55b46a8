/** The stalls of a new activity: kind, team, member slots, label; one click adds the usual four. */
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { STALL_KINDS, type StallKind } from './types.ts';

/** The stalls of the town's monthly service day (便民示范日). */
export const USUAL_STALLS = ['haircut', 'health_check', 'home_repair', 'anti_fraud'];

/** The town's stall kinds (enabled ones), as select options. */
export function useStallKinds() {
  const result = useQuery({
    queryKey: [STALL_KINDS],
    queryFn: () => api<StallKind[]>(STALL_KINDS),
    staleTime: 5 * 60_000,
  });
  return {
    loading: result.isPending,
    kinds: result.data ?? [],
    options: (result.data ?? []).filter((k) => !k.disabled).map((k) => ({ value: k.code, label: k.name })),
  };
}

interface StallFieldsProps {
  teams: { value: string; label: string }[];
  /** The team a new stall starts with (the lead organising team). */
  defaultTeamId?: string;
}

export function StallFields({ teams, defaultTeamId }: StallFieldsProps) {
  const { t } = useTranslation();
  const kinds = useStallKinds();
  return (
    <Form.List name="stalls">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex' }} data-testid="stall-row">
              <Form.Item
                name={[field.name, 'kind']}
                rules={[{ required: true, message: t('activityPages.stallKindRequired') }]}
              >
                <Select
                  style={{ width: 140 }}
                  placeholder={t('activityPages.stallKind')}
                  options={kinds.options}
                  loading={kinds.loading}
                  data-testid="stall-kind"
                />
              </Form.Item>
              <Form.Item name={[field.name, 'teamId']}>
                <Select
                  allowClear
                  style={{ width: 200 }}
                  placeholder={t('activityPages.stallTeam')}
                  options={teams}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="stall-team"
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'capacity']}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  style={{ width: 110 }}
                  placeholder={t('activityPages.slots')}
                  prefix={t('activityPages.slotsPrefix')}
                  data-testid="stall-capacity"
                />
              </Form.Item>
              <Form.Item name={[field.name, 'label']} rules={[{ max: 40 }]}>
                <Input style={{ width: 150 }} maxLength={40} placeholder={t('activityPages.stallLabel')} />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('activityPages.removeStall')}
                onClick={() => remove(field.name)}
              />
            </Space>
          ))}
          <Space wrap>
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ capacity: 4, teamId: defaultTeamId })}
              data-testid="add-stall-row"
            >
              {t('activityPages.addStall')}
            </Button>
            <Button
              icon={<ThunderboltOutlined />}
              onClick={() => {
                for (const kind of USUAL_STALLS)
                  if (kinds.kinds.some((k) => k.code === kind)) add({ kind, capacity: 4, teamId: defaultTeamId });
              }}
              data-testid="add-usual-stalls"
            >
              {t('activityPages.addUsualStalls')}
            </Button>
          </Space>
        </>
      )}
    </Form.List>
  );
}
