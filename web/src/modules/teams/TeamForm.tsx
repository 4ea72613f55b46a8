/** Create/edit form of a team: name, colour, focus, description, order. */
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { TeamColour, TeamInput, type Team } from '../../../../common/teams/schemas.ts';
import { colourHex } from '../../components/ColourTag.tsx';
import { zodRule } from '../../components/formRules.ts';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useSaveRecord, type useEditor } from '../../components/useEditor.ts';

const S = TeamInput.shape;
type Values = z.input<typeof TeamInput>;

export function TeamForm({ editor }: { editor: ReturnType<typeof useEditor<Team>> }) {
  const { t } = useTranslation();
  const save = useSaveRecord('/api/teams');
  const record = editor.record;
  return (
    <RecordFormDrawer<Values>
      open={editor.open}
      title={record ? t('teams.editTitle') : t('teams.createTitle')}
      onClose={editor.close}
      successMessage={record ? t('common.savedOk') : t('common.createdOk')}
      initialValues={
        record
          ? {
              name: record.name,
              colour: record.colour,
              focus: record.focus,
              description: record.description,
              sort: record.sort,
            }
          : { sort: 0 }
      }
      onSubmit={(values) => save(record, values)}
    >
      <Form.Item name="name" label={t('fields.name')} required rules={[zodRule(t, S.name)]}>
        <Input placeholder={t('teams.namePlaceholder')} maxLength={50} />
      </Form.Item>
      <Form.Item name="colour" label={t('fields.colour')} required rules={[zodRule(t, S.colour)]}>
        <Select
          options={TeamColour.options.map((c) => ({
            value: c,
            label: (
              <span>
                <span className="lx-colour-dot" style={{ background: colourHex(c) }} />
                {t(`enums.colour.${c}`)}
              </span>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item name="focus" label={t('fields.focus')} required rules={[zodRule(t, S.focus)]}>
        <Input placeholder={t('teams.focusPlaceholder')} maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('fields.description')} rules={[zodRule(t, S.description)]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
      </Form.Item>
      <Form.Item name="sort" label={t('fields.sort')} rules={[zodRule(t, S.sort)]}>
        <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </RecordFormDrawer>
  );
}
