/** Create/edit form of a workstation; the village is required only at village level. */
import { Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { WorkstationInput, WorkstationLevel, type Workstation } from '../../../../common/org/schemas.ts';
import { enumOptions } from '../../components/enums.ts';
import { zodRule } from '../../components/formRules.ts';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useSaveRecord, type useEditor } from '../../components/useEditor.ts';

const S = WorkstationInput.shape;
type Values = z.input<typeof WorkstationInput>;

interface WorkstationFormProps {
  editor: ReturnType<typeof useEditor<Workstation>>;
  villageOptions: { value: string; label: string }[];
}

export function WorkstationForm({ editor, villageOptions }: WorkstationFormProps) {
  const { t } = useTranslation();
  const save = useSaveRecord('/api/workstations');
  const record = editor.record;
  return (
    <RecordFormDrawer<Values>
      open={editor.open}
      title={record ? t('workstations.editTitle') : t('workstations.createTitle')}
      onClose={editor.close}
      successMessage={record ? t('common.savedOk') : t('common.createdOk')}
      initialValues={
        record
          ? {
              name: record.name,
              level: record.level,
              villageId: record.villageId,
              address: record.address,
              openingHours: record.openingHours,
              phone: record.phone,
              lat: record.lat,
              lng: record.lng,
            }
          : { level: 'village' }
      }
      onSubmit={(values) => save(record, { ...values, villageId: values.level === 'town' ? null : values.villageId })}
    >
      <Form.Item name="name" label={t('fields.name')} required rules={[zodRule(t, S.name)]}>
        <Input placeholder={t('workstations.namePlaceholder')} maxLength={80} />
      </Form.Item>
      <Form.Item name="level" label={t('fields.level')} required>
        <Radio.Group options={enumOptions(t, 'workstationLevel', WorkstationLevel.options)} optionType="button" />
      </Form.Item>
      <Form.Item noStyle dependencies={['level']}>
        {({ getFieldValue }) =>
          getFieldValue('level') === 'village' && (
            <Form.Item
              name="villageId"
              label={t('workstations.village')}
              required
              rules={[{ required: true, message: t('validation.villageRequired') }]}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={villageOptions} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="address" label={t('fields.address')} required rules={[zodRule(t, S.address)]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} />
      </Form.Item>
      <Form.Item name="openingHours" label={t('fields.openingHours')} required rules={[zodRule(t, S.openingHours)]}>
        <Input placeholder={t('workstations.hoursPlaceholder')} maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t('fields.phone')} rules={[zodRule(t, S.phone)]}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Space size="middle">
        <Form.Item name="lat" label={t('fields.lat')}>
          <InputNumber min={-90} max={90} step={0.000001} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="lng" label={t('fields.lng')}>
          <InputNumber min={-180} max={180} step={0.000001} style={{ width: 200 }} />
        </Form.Item>
      </Space>
    </RecordFormDrawer>
  );
}
