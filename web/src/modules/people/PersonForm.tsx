/** Create/edit form of a person. Mobile and ID number are masked when editing: empty keeps them. */
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Background, Gender, PersonInput, PoliticalStatus, type Person } from '../../../../common/people/schemas.ts';
import { enumOptions } from '../../components/enums.ts';
import { zodRule } from '../../components/formRules.ts';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useSaveRecord, type useEditor } from '../../components/useEditor.ts';
import { useOptions } from '../../components/useOptions.ts';

const S = PersonInput.shape;
type Values = z.input<typeof PersonInput>;

export function PersonForm({ editor }: { editor: ReturnType<typeof useEditor<Person>> }) {
  const { t } = useTranslation();
  const save = useSaveRecord('/api/people');
  const villages = useOptions('/api/villages', {}, editor.open);
  const record = editor.record;

  const submit = (values: Values) => {
    const body: Partial<Values> = { ...values };
    if (record && !values.mobile) delete body.mobile;
    if (record && !values.idNumber) delete body.idNumber;
    return save(record, body);
  };

  return (
    <RecordFormDrawer<Values>
      open={editor.open}
      width={600}
      title={record ? t('people.editTitle') : t('people.createTitle')}
      onClose={editor.close}
      successMessage={record ? t('common.savedOk') : t('common.createdOk')}
      initialValues={
        record
          ? {
              name: record.name,
              gender: record.gender,
              birthYear: record.birthYear,
              villageId: record.villageId,
              politicalStatus: record.politicalStatus,
              backgrounds: record.backgrounds,
              skills: record.skills,
              notes: record.notes,
            }
          : { politicalStatus: 'masses', backgrounds: [], skills: [] }
      }
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('fields.name')} required rules={[zodRule(t, S.name)]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="gender" label={t('fields.gender')}>
        <Radio.Group options={enumOptions(t, 'gender', Gender.options)} />
      </Form.Item>
      <Form.Item name="birthYear" label={t('fields.birthYear')} rules={[zodRule(t, S.birthYear)]}>
        <InputNumber min={1900} max={new Date().getFullYear()} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('fields.mobile')}
        rules={[zodRule(t, S.mobile)]}
        extra={record?.mobile ? t('people.maskedHint') : undefined}
      >
        <Input maxLength={20} inputMode="tel" placeholder={record?.mobile ?? undefined} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('fields.idNumber')}
        rules={[zodRule(t, S.idNumber)]}
        extra={record?.idNumber ? t('people.maskedHint') : undefined}
      >
        <Input maxLength={18} placeholder={record?.idNumber ?? undefined} />
      </Form.Item>
      <Form.Item name="villageId" label={t('fields.villageId')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={villages.options}
          loading={villages.loading}
        />
      </Form.Item>
      <Form.Item name="politicalStatus" label={t('fields.politicalStatus')} required>
        <Select options={enumOptions(t, 'politicalStatus', PoliticalStatus.options)} />
      </Form.Item>
      <Form.Item name="backgrounds" label={t('fields.backgrounds')}>
        <Select mode="multiple" options={enumOptions(t, 'background', Background.options)} />
      </Form.Item>
      <Form.Item name="skills" label={t('fields.skills')}>
        <Select
          mode="tags"
          tokenSeparators={[',', '，', '、']}
          placeholder={t('people.skillsPlaceholder')}
          open={false}
        />
      </Form.Item>
      <Form.Item name="notes" label={t('fields.notes')} rules={[zodRule(t, S.notes)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
      </Form.Item>
    </RecordFormDrawer>
  );
}
