/** Register or edit a care recipient: identity, contact and guardian, needs, health (敏感), risk, frequency, lawful basis, status. */
import {
  Alert,
  App,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  GuardianInput,
  INACTIVE_REASONS,
  LAWFUL_BASES,
  RECIPIENT_KINDS,
  RecipientInput,
  RISK_LEVELS,
  VISIT_FREQUENCIES,
  type CareRecipientDetail,
} from '../../../../common/care/schemas.ts';
import { Gender } from '../../../../common/people/schemas.ts';
import { enumOptions } from '../../components/enums.ts';
import { zodRule } from '../../components/formRules.ts';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useSaveRecord } from '../../components/useEditor.ts';
import { useOptions } from '../../components/useOptions.ts';
import { RECIPIENTS } from './types.ts';

const S = RecipientInput.shape;
const G = GuardianInput.shape;

interface Values {
  kinds: string[];
  name: string;
  gender?: string | null;
  birthYear?: number | null;
  villageId?: string;
  hamletId?: string | null;
  address?: string | null;
  mobile?: string | null;
  idNumber?: string | null;
  guardian?: { name?: string; relation?: string; mobile?: string | null };
  needs?: string | null;
  needTags?: string[];
  healthNotes?: string | null;
  riskLevel: string;
  frequency: string;
  lawfulBasis: string;
  consentDate?: string;
  consentRecordedBy?: string | null;
  status?: string;
  inactiveReason?: string | null;
  inactiveNote?: string | null;
}

const dateProps = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** The sensitive mark beside a label. */
function Sensitive() {
  const { t } = useTranslation();
  return (
    <Tag color="red" style={{ marginInlineStart: 6 }}>
      {t('carePages.sensitive')}
    </Tag>
  );
}

interface Props {
  /** Null to register a new recipient. */
  record: CareRecipientDetail | null;
  onClose: () => void;
  onSaved: (saved: CareRecipientDetail) => void;
}

export function RecipientFormDrawer({ record, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const save = useSaveRecord<CareRecipientDetail>(RECIPIENTS);
  const villages = useOptions('/api/villages');
  const hidden = new Set(record?.hidden ?? []);
  const required = { required: true, message: t('validation.required') };

  const initialValues: Partial<Values> = record
    ? {
        kinds: record.kinds,
        name: record.name,
        gender: record.gender,
        birthYear: record.birthYear,
        villageId: record.villageId,
        hamletId: record.hamletId,
        address: record.address,
        guardian: record.guardian
          ? {
              name: record.guardian.name,
              relation: record.guardian.relation,
              mobile: record.fullContact ? record.guardian.mobile : undefined,
            }
          : undefined,
        needs: record.needs,
        needTags: record.needTags,
        healthNotes: record.healthNotes,
        riskLevel: record.riskLevel,
        frequency: record.frequency ?? 'monthly',
        lawfulBasis: record.lawfulBasis,
        consentDate: record.consentDate.slice(0, 10),
        consentRecordedBy: record.consentRecordedBy,
        status: record.status,
        inactiveReason: record.inactiveReason,
        inactiveNote: record.inactiveNote,
      }
    : { kinds: [], needTags: [], riskLevel: 'low', frequency: 'weekly', lawfulBasis: 'consent' };

  const submit = async (values: Values) => {
    const body: Record<string, unknown> = { ...values };
    const g = values.guardian;
    const guardianEmpty = !g?.name?.trim() && !g?.relation?.trim() && !g?.mobile?.trim();
    body.guardian = guardianEmpty
      ? null
      : { name: g?.name ?? '', relation: g?.relation ?? '', mobile: g?.mobile || null };
    if (record) {
      // Masked numbers are not sent back: empty keeps what is stored.
      if (!values.mobile) delete body.mobile;
      if (!values.idNumber) delete body.idNumber;
      const before = record.guardian;
      if (
        before?.mobile &&
        !record.fullContact &&
        !g?.mobile &&
        before.name === g?.name &&
        before.relation === g?.relation
      )
        delete body.guardian;
      for (const field of hidden) delete body[field];
      if (values.status !== 'inactive') {
        delete body.inactiveReason;
        delete body.inactiveNote;
      }
      if (values.status === 'inactive' && record.status === 'active') {
        await new Promise<void>((resolve, reject) =>
          modal.confirm({
            title: t('carePages.confirmInactive', { name: record.name }),
            onOk: () => resolve(),
            onCancel: () => reject(new Error('cancelled')),
          }),
        );
      }
    } else {
      delete body.status;
      delete body.inactiveReason;
      delete body.inactiveNote;
    }
    const saved = await save(record, body);
    onSaved(saved);
    return saved;
  };

  return (
    <RecordFormDrawer<Values>
      open
      width={720}
      title={record ? t('carePages.editTitle', { name: record.name }) : t('carePages.create')}
      onClose={onClose}
      successMessage={record ? t('carePages.saved') : t('carePages.created')}
      initialValues={initialValues}
      onSubmit={submit}
    >
      {(form) => (
        <>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('carePages.sectionBasic')}
          </Divider>
          <Form.Item name="kinds" label={t('carePages.kinds')} required rules={[zodRule(t, S.kinds)]}>
            <Checkbox.Group
              options={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`carePages.kindLabels.${k}`) }))}
              data-testid="kinds"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="name" label={t('carePages.name')} required rules={[zodRule(t, S.name)]}>
                <Input maxLength={30} disabled={hidden.has('name')} data-testid="recipient-name" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="gender" label={t('carePages.gender')}>
                <Select allowClear options={enumOptions(t, 'gender', Gender.options)} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="birthYear" label={t('carePages.birthYear')} rules={[zodRule(t, S.birthYear)]}>
                <InputNumber min={1900} max={new Date().getFullYear()} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="villageId" label={t('carePages.village')} required rules={[required]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={villages.options}
                  loading={villages.loading}
                  onChange={() => form.setFieldValue('hamletId', null)}
                  data-testid="recipient-village"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item noStyle dependencies={['villageId']}>
                {() => <HamletField villageId={form.getFieldValue('villageId') as string | undefined} />}
              </Form.Item>
            </Col>
          </Row>
          {!hidden.has('address') && (
            <Form.Item name="address" label={t('carePages.address')} rules={[zodRule(t, S.address)]}>
              <Input maxLength={200} />
            </Form.Item>
          )}

          <Divider titlePlacement="start" plain>
            {t('carePages.sectionContact')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="mobile"
                label={t('carePages.mobile')}
                rules={[zodRule(t, S.mobile)]}
                extra={record?.mobile ? t('people.maskedHint') : undefined}
              >
                <Input maxLength={20} inputMode="tel" placeholder={record?.mobile ?? undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="idNumber"
                label={t('carePages.idNumber')}
                rules={[zodRule(t, S.idNumber)]}
                extra={record?.idNumber ? t('people.maskedHint') : undefined}
              >
                <Input maxLength={18} placeholder={record?.idNumber ?? undefined} />
              </Form.Item>
            </Col>
          </Row>
          {!hidden.has('guardian') && (
            <Row gutter={16}>
              <Col xs={24} sm={8}>
                <Form.Item
                  name={['guardian', 'name']}
                  label={t('carePages.guardianName')}
                  rules={[zodRule(t, G.name.optional())]}
                >
                  <Input maxLength={30} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name={['guardian', 'relation']}
                  label={t('carePages.guardianRelation')}
                  rules={[zodRule(t, G.relation.optional())]}
                >
                  <Input maxLength={20} placeholder={t('carePages.guardianRelationHint')} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name={['guardian', 'mobile']}
                  label={t('carePages.guardianMobile')}
                  rules={[zodRule(t, G.mobile)]}
                  extra={record?.guardian?.mobile && !record.fullContact ? t('people.maskedHint') : undefined}
                >
                  <Input
                    maxLength={20}
                    inputMode="tel"
                    placeholder={record?.fullContact ? undefined : (record?.guardian?.mobile ?? undefined)}
                  />
                </Form.Item>
              </Col>
            </Row>
          )}

          <Divider titlePlacement="start" plain>
            {t('carePages.sectionCare')}
          </Divider>
          {!hidden.has('needs') && (
            <Form.Item name="needs" label={t('carePages.needs')} rules={[zodRule(t, S.needs)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
            </Form.Item>
          )}
          <Form.Item name="needTags" label={t('carePages.needTags')}>
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、']}
              placeholder={t('carePages.needTagsHint')}
              open={false}
            />
          </Form.Item>
          {!hidden.has('healthNotes') && (
            <Form.Item
              name="healthNotes"
              label={
                <>
                  {t('carePages.healthNotes')}
                  <Sensitive />
                </>
              }
              extra={t('carePages.sensitiveHint')}
              rules={[zodRule(t, S.healthNotes)]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={1000}
                showCount
                data-testid="health-notes"
              />
            </Form.Item>
          )}
          <Row gutter={16}>
            <Col xs={24} sm={10}>
              <Form.Item name="riskLevel" label={t('carePages.risk')} required>
                <Radio.Group
                  optionType="button"
                  options={RISK_LEVELS.map((r) => ({ value: r, label: t(`carePages.riskLabels.${r}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item name="frequency" label={t('carePages.frequency')} required rules={[zodRule(t, S.frequency)]}>
                <Radio.Group
                  optionType="button"
                  options={VISIT_FREQUENCIES.map((f) => ({ value: f, label: t(`carePages.frequencyLabels.${f}`) }))}
                />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start" plain>
            {t('carePages.sectionConsent')}
          </Divider>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('carePages.piplTitle')}
            description={t('carePages.piplHint')}
          />
          <Form.Item name="lawfulBasis" label={t('carePages.lawfulBasis')} required rules={[zodRule(t, S.lawfulBasis)]}>
            <Radio.Group options={LAWFUL_BASES.map((b) => ({ value: b, label: t(`carePages.basisLabels.${b}`) }))} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="consentDate"
                label={t('carePages.consentDate')}
                required
                rules={[required]}
                {...dateProps}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  data-testid="consent-date"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="consentRecordedBy"
                label={t('carePages.consentRecordedBy')}
                rules={[zodRule(t, S.consentRecordedBy)]}
              >
                <Input maxLength={30} placeholder={t('carePages.consentRecordedByHint')} />
              </Form.Item>
            </Col>
          </Row>

          {record && (
            <>
              <Divider titlePlacement="start" plain>
                {t('carePages.sectionStatus')}
              </Divider>
              <Form.Item name="status" label={t('carePages.status')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'active', label: t('carePages.statusLabels.active') },
                    { value: 'inactive', label: t('carePages.statusLabels.inactive') },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle dependencies={['status']}>
                {() =>
                  form.getFieldValue('status') === 'inactive' && (
                    <Row gutter={16}>
                      <Col xs={24} sm={10}>
                        <Form.Item
                          name="inactiveReason"
                          label={t('carePages.inactiveReason')}
                          required
                          rules={[{ required: true, message: t('validation.required') }]}
                        >
                          <Select
                            options={INACTIVE_REASONS.map((r) => ({
                              value: r,
                              label: t(`carePages.inactiveLabels.${r}`),
                            }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={14}>
                        <Form.Item name="inactiveNote" label={t('carePages.inactiveNote')}>
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                    </Row>
                  )
                }
              </Form.Item>
            </>
          )}
        </>
      )}
    </RecordFormDrawer>
  );
}

function HamletField({ villageId }: { villageId: string | undefined }) {
  const { t } = useTranslation();
  const hamlets = useOptions('/api/hamlets', { villageId }, Boolean(villageId));
  return (
    <Form.Item name="hamletId" label={t('carePages.hamlet')}>
      <Select
        allowClear
        disabled={!villageId}
        showSearch={{ optionFilterProp: 'label' }}
        options={hamlets.options}
        loading={hamlets.loading}
      />
    </Form.Item>
  );
}
