/**
 * Create or edit an activity. A new one may repeat monthly ("每月 N 日", N months: a series); a
 * service day starts with its stalls. Editing an occurrence of a series asks whether the change is
 * for this one only or for it and the ones after it.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERIES_FOLLOWING_STATES } from '../../../../common/activities/lifecycle.ts';
import { ACTIVITY_KINDS } from '../../../../common/activities/schemas.ts';
import { api, ApiError, type ListResult } from '../../app/api.ts';
import { useMe } from '../../app/auth.ts';
import { translateMessage } from '../../app/format.ts';
import { notify } from '../../app/notify.ts';
import { useOptions } from '../../components/useOptions.ts';
import { PhotoUpload } from '../requests/PhotoUpload.tsx';
import { createActivity, FIELD_OF, type FormValues, fromIso, updateActivity } from './saveActivity.ts';
import { StallFields } from './StallFields.tsx';
import type { ActivityDetail } from './types.ts';

interface ActivityFormDrawerProps {
  open: boolean;
  onClose: () => void;
  /** Editing this activity; creating when absent. */
  activity?: ActivityDetail;
  onSaved?: (id: string) => void;
}

export function ActivityFormDrawer({ open, onClose, activity, onSaved }: ActivityFormDrawerProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const me = useMe();
  // A leader plans for their own team, a village admin in their village: start with those.
  const myTeams = me.roles.filter((r) => r.role === 'team_leader' && r.teamId).map((r) => r.teamId as string);
  const myVillage = me.roles.find((r) => r.role === 'village_admin' && r.villageId)?.villageId ?? null;
  const [saving, setSaving] = useState(false);
  const [pending, setPending] = useState<FormValues | null>(null);
  const workstations = useQuery({
    queryKey: ['/api/workstations', 'activity-form'],
    queryFn: () =>
      api<ListResult<{ id: string; name: string; villageId: string | null }>>('/api/workstations', {
        query: { pageSize: 100 },
      }),
    staleTime: 60_000,
    enabled: open,
  });
  const villages = useOptions('/api/villages', {}, open);
  const teams = useOptions('/api/teams', {}, open);
  const editing = Boolean(activity);
  const inSeries = Boolean(activity?.seriesId && SERIES_FOLLOWING_STATES.includes(activity.state));
  const placeMode = Form.useWatch('placeMode', form);
  const repeat = Form.useWatch('repeat', form);
  const kind = Form.useWatch('kind', form);
  const teamIds = Form.useWatch('teamIds', form);
  const stallRows = Form.useWatch('stalls', form);
  // With stalls, places are the stalls' member slots: the activity's own capacity is not shown or sent.
  const byStall = editing ? (activity?.stalls.length ?? 0) > 0 : (stallRows?.length ?? 0) > 0;

  const initialValues: Partial<FormValues> = activity
    ? {
        kind: activity.kind,
        title: activity.title,
        placeMode: activity.workstationId ? 'workstation' : 'address',
        workstationId: activity.workstationId,
        villageId: activity.villageId,
        address: activity.address ?? undefined,
        range: [fromIso(activity.startAt), fromIso(activity.endAt)],
        teamIds: activity.teams.map((x) => x.id),
        capacity: activity.stalls.length ? null : activity.capacity,
        waitlist: activity.waitlist,
        description: activity.description ?? undefined,
        stalls: [],
        repeat: false,
        publish: false,
      }
    : {
        kind: 'service_day',
        placeMode: 'workstation',
        teamIds: myTeams,
        villageId: myVillage,
        waitlist: true,
        stalls: [],
        repeat: false,
        months: 6,
        publish: false,
        range: [
          dayjs().add(7, 'day').hour(8).minute(30).second(0),
          dayjs().add(7, 'day').hour(11).minute(30).second(0),
        ],
      };

  const showErrors = (error: unknown) => {
    if (error instanceof ApiError && error.fields.length > 0) {
      form.setFields(
        error.fields.map((f) => {
          const [head = '', ...rest] = f.path.split('.');
          const name = FIELD_OF[head] ?? head;
          const path = [name, ...rest.map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
          return { name: path as never, errors: [translateMessage(t, f.message)] };
        }),
      );
      return;
    }
    notify.error(error instanceof Error ? error.message : String(error));
  };

  const save = async (v: FormValues, scope: 'one' | 'following' = 'one') => {
    setSaving(true);
    try {
      if (activity) {
        await updateActivity(t, activity, v, scope);
        onSaved?.(activity.id);
      } else {
        onSaved?.(await createActivity(t, v, byStall));
      }
      onClose();
    } catch (error) {
      showErrors(error);
    } finally {
      setSaving(false);
      setPending(null);
    }
  };

  const finish = (v: FormValues) => {
    if (inSeries) setPending(v);
    else void save(v);
  };

  return (
    <Drawer
      open={open}
      title={editing ? t('activityPages.editTitle', { title: activity?.title }) : t('activityPages.createTitle')}
      onClose={onClose}
      size={720}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={finish}
        onValuesChange={(changed: Partial<FormValues>, all) => {
          // "每月 N 日" follows the first date until the user sets it.
          const start = all.range?.[0];
          if (
            start &&
            ('repeat' in changed || 'range' in changed) &&
            all.repeat &&
            (!all.dayOfMonth || 'range' in changed)
          )
            form.setFieldValue('dayOfMonth', Math.min(28, start.date()));
        }}
        preserve={false}
        scrollToFirstError
        data-testid="activity-form"
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="kind" label={t('activityPages.kindCol')} rules={[{ required: true }]}>
              <Select
                options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`enums.activityKind.${k}`) }))}
                data-testid="field-kind"
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="title"
              label={t('activityPages.titleCol')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { max: 60, message: t('validation.tooLong', { max: 60 }) },
              ]}
            >
              <Input maxLength={60} placeholder={t('activityPages.titlePlaceholder')} data-testid="field-title" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="range"
          label={t('activityPages.time')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: async (_r, value: [Dayjs, Dayjs] | undefined) => {
                if (value && !value[1].isAfter(value[0])) throw new Error(t('activityPages.endAfterStart'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="field-range"
          />
        </Form.Item>
        <Form.Item name="placeMode" label={t('activityPages.place')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'workstation', label: t('activityPages.placeWorkstation') },
              { value: 'address', label: t('activityPages.placeAddress') },
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          {placeMode !== 'address' && (
            <Col span={12}>
              <Form.Item
                name="workstationId"
                label={t('activityPages.workstation')}
                rules={[{ required: true, message: t('activityPages.placeRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={workstations.isPending}
                  placeholder={t('activityPages.chooseWorkstation')}
                  options={(workstations.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))}
                  onChange={(id: string) => {
                    const ws = workstations.data?.items.find((w) => w.id === id);
                    if (ws?.villageId) form.setFieldValue('villageId', ws.villageId);
                  }}
                  data-testid="field-workstation"
                />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="villageId" label={t('activityPages.village')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('activityPages.villageHint')}
                options={villages.options}
                data-testid="field-village"
              />
            </Form.Item>
          </Col>
          {placeMode === 'address' && (
            <Col span={12}>
              <Form.Item
                name="address"
                label={t('activityPages.address')}
                rules={[
                  { required: true, whitespace: true, message: t('activityPages.placeRequired') },
                  { max: 200, message: t('validation.tooLong', { max: 200 }) },
                ]}
              >
                <Input maxLength={200} placeholder={t('activityPages.addressPlaceholder')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="teamIds" label={t('activityPages.teams')} extra={t('activityPages.teamsHint')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={teams.options}
            placeholder={t('activityPages.chooseTeams')}
            data-testid="field-teams"
          />
        </Form.Item>
        <Row gutter={16}>
          {!byStall && (
            <Col span={12}>
              <Form.Item name="capacity" label={t('activityPages.capacity')} extra={t('activityPages.capacityHint')}>
                <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="waitlist" label={t('activityPages.waitlist')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={t('activityPages.descriptionLabel')}
          rules={[{ max: 2000, message: t('validation.tooLong', { max: 2000 }) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('activityPages.descriptionPlaceholder')} />
        </Form.Item>
        {!editing && (
          <>
            <Divider titlePlacement="start" plain>
              {t('activityPages.stalls')}
              {kind === 'service_day' && (
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                  {t('activityPages.stallsHint')}
                </Typography.Text>
              )}
            </Divider>
            <StallFields teams={teams.options} defaultTeamId={teamIds?.[0]} />
            <Divider titlePlacement="start" plain>
              {t('activityPages.repeatTitle')}
            </Divider>
            <Space align="start" wrap size={16}>
              <Form.Item name="repeat" valuePropName="checked" label={t('activityPages.repeat')}>
                <Switch data-testid="field-repeat" />
              </Form.Item>
              {repeat && (
                <>
                  <Form.Item
                    name="dayOfMonth"
                    label={t('activityPages.dayOfMonth')}
                    rules={[{ required: true, message: t('validation.required') }]}
                    extra={t('activityPages.dayOfMonthHint')}
                  >
                    <InputNumber min={1} max={28} precision={0} style={{ width: 120 }} data-testid="field-day" />
                  </Form.Item>
                  <Form.Item
                    name="months"
                    label={t('activityPages.months')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber min={1} max={24} precision={0} style={{ width: 120 }} data-testid="field-months" />
                  </Form.Item>
                </>
              )}
              <Form.Item name="publish" valuePropName="checked" label={t('activityPages.publishNow')}>
                <Switch data-testid="field-publish" />
              </Form.Item>
            </Space>
            <Form.Item name="photos" label={t('activityPages.photos')}>
              <PhotoUpload />
            </Form.Item>
          </>
        )}
      </Form>
      <Modal
        open={pending !== null}
        title={t('activityPages.scopeTitle')}
        onCancel={() => setPending(null)}
        footer={
          <Space>
            <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
            <Button loading={saving} onClick={() => pending && void save(pending, 'one')} data-testid="scope-one">
              {t('activityPages.scopeOne')}
            </Button>
            <Button
              type="primary"
              loading={saving}
              onClick={() => pending && void save(pending, 'following')}
              data-testid="scope-following"
            >
              {t('activityPages.scopeFollowing')}
            </Button>
          </Space>
        }
      >
        <p>{t('activityPages.scopeBody')}</p>
      </Modal>
    </Drawer>
  );
}
