/** 结对队员: the current pairings with reassign/end (each with a reason), a new pairing, and the history. */
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Form, Input, List, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CarePairing, CareRecipientDetail } from '../../../../common/care/schemas.ts';
import { api } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { notify } from '../../app/notify.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { MemberSelect } from './MemberSelect.tsx';
import { CARE, RECIPIENTS } from './types.ts';

type Dialog = { kind: 'pair' } | { kind: 'reassign'; pairing: CarePairing } | { kind: 'end'; pairing: CarePairing };

interface DialogValues {
  personId?: string;
  primary?: boolean;
  reason?: string;
}

export function PairingsCard({ recipient }: { recipient: CareRecipientDetail }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [form] = Form.useForm<DialogValues>();
  const { current, history } = recipient.pairings;
  const can = recipient.can.pair;

  const run = useMutation({
    mutationFn: async (values: DialogValues) => {
      if (!dialog) return;
      if (dialog.kind === 'pair')
        await api(`${CARE}/pairings`, {
          method: 'POST',
          body: {
            recipientId: recipient.id,
            personId: values.personId,
            primary: values.primary ?? current.length === 0,
          },
        });
      else if (dialog.kind === 'reassign')
        await api(`${RECIPIENTS}/${recipient.id}/reassign`, {
          method: 'POST',
          body: {
            pairingId: dialog.pairing.id,
            version: dialog.pairing.version,
            personId: values.personId,
            reason: values.reason,
          },
        });
      else
        await api(`${CARE}/pairings/${dialog.pairing.id}/end`, {
          method: 'POST',
          body: { version: dialog.pairing.version, reason: values.reason },
        });
    },
    onSuccess: () => {
      notify.success(
        t(
          dialog?.kind === 'pair'
            ? 'carePages.pairedOk'
            : dialog?.kind === 'reassign'
              ? 'carePages.reassigned'
              : 'carePages.ended',
        ),
      );
      setDialog(null);
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  const open = (d: Dialog) => {
    form.resetFields();
    setDialog(d);
  };
  const title =
    dialog?.kind === 'pair'
      ? t('carePages.pairTitle', { name: recipient.name })
      : dialog?.kind === 'reassign'
        ? t('carePages.reassignTitle', { name: dialog.pairing.personName })
        : dialog
          ? t('carePages.endPairingTitle', { name: dialog.pairing.personName })
          : '';

  const row = (p: CarePairing, ended: boolean) => (
    <List.Item
      key={p.id}
      data-testid={ended ? 'pairing-history' : 'pairing-current'}
      actions={
        !ended && can
          ? [
              <Button
                key="r"
                type="link"
                size="small"
                icon={<SwapOutlined />}
                onClick={() => open({ kind: 'reassign', pairing: p })}
              >
                {t('carePages.reassign')}
              </Button>,
              <Button key="e" type="link" size="small" danger onClick={() => open({ kind: 'end', pairing: p })}>
                {t('carePages.endPairing')}
              </Button>,
            ]
          : undefined
      }
    >
      <List.Item.Meta
        title={
          <Space size={6}>
            <strong>{p.personName}</strong>
            {p.primary && !ended && <Tag color="red">{t('carePages.primary')}</Tag>}
          </Space>
        }
        description={
          <>
            {p.teamNames.length > 0 && <div>{p.teamNames.join('、')}</div>}
            <div>
              {ended
                ? t('carePages.period', { from: formatDate(p.startedAt), to: formatDate(p.endedAt) })
                : t('carePages.since', { date: formatDate(p.startedAt) })}
              {p.createdByName && ` · ${p.createdByName}`}
            </div>
            {ended && p.endReason && (
              <Typography.Text type="secondary">
                {t('carePages.reason')}：{p.endReason}
                {p.endedByName && `（${p.endedByName}）`}
              </Typography.Text>
            )}
          </>
        }
      />
    </List.Item>
  );

  return (
    <Card
      variant="borderless"
      title={t('carePages.pairings')}
      style={{ marginBottom: 16 }}
      extra={
        can && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => open({ kind: 'pair' })} data-testid="pair-button">
            {t('carePages.pair')}
          </Button>
        )
      }
      data-testid="pairings-card"
    >
      <Tabs
        size="small"
        items={[
          {
            key: 'current',
            label: `${t('carePages.pairingsCurrent')} (${current.length})`,
            children: current.length ? (
              <List size="small" dataSource={current} renderItem={(p) => row(p, false)} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('carePages.noPairings')} />
            ),
          },
          {
            key: 'history',
            label: `${t('carePages.pairingsHistory')} (${history.length})`,
            children: history.length ? (
              <List size="small" dataSource={history} renderItem={(p) => row(p, true)} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('carePages.noHistory')} />
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={title}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: run.isPending, danger: dialog?.kind === 'end' }}
        destroyOnHidden
      >
        <Form<DialogValues> form={form} layout="vertical" onFinish={(v) => run.mutate(v)} preserve={false}>
          {dialog?.kind !== 'end' && (
            <Form.Item
              name="personId"
              label={dialog?.kind === 'reassign' ? t('carePages.reassignTo') : t('carePages.member')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <MemberSelect exclude={current.map((p) => p.personId)} villageId={recipient.villageId} />
            </Form.Item>
          )}
          {dialog?.kind === 'pair' && current.length > 0 && (
            <Form.Item name="primary" valuePropName="checked">
              <Checkbox>{t('carePages.setPrimary')}</Checkbox>
            </Form.Item>
          )}
          {dialog && dialog.kind !== 'pair' && (
            <Form.Item
              name="reason"
              label={t('carePages.reason')}
              rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}
            >
              <Input.TextArea
                maxLength={200}
                showCount
                autoSize={{ minRows: 2 }}
                placeholder={t('carePages.reasonHint')}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
