/** One small form per action, sending `{version, ...}` to `POST /api/requests/:id/actions/:action`. */
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Rate, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES, type RequestAction } from '../../../../common/requests/lifecycle.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { AssigneeField } from './AssigneeField.tsx';
import { MergeTargetField } from './MergeTargetField.tsx';
import { PhotoUpload, photoIds } from './PhotoUpload.tsx';
import type { RequestDetail } from './types.ts';

/** Actions whose note is a required reason. */
const REASON_ACTIONS: readonly RequestAction[] = ['reject', 'return', 'close_unresolved', 'reopen'];
/** Actions with an optional or required note and photos. */
const PHOTO_ACTIONS: readonly RequestAction[] = ['progress', 'visit', 'resolve'];
/** Actions that need a confirmation because they close or hide the request. */
export const DESTRUCTIVE_ACTIONS: readonly RequestAction[] = ['reject', 'close_unresolved', 'archive', 'merge'];

interface FormValues {
  note?: string;
  photos?: UploadFile[];
  assignee?: { kind: string; id: string };
  urgency?: string;
  meetingAt?: Dayjs;
  attendees?: string;
  decisions?: string;
  extensionDays?: number;
  approve?: boolean;
  rating?: number;
  targetId?: string;
}

interface ActionModalProps {
  action: RequestAction | null;
  detail: RequestDetail;
  onClose: () => void;
  /** Sends the body; rejects with an ApiError to keep the modal open. */
  run: (action: RequestAction, body: Record<string, unknown>) => Promise<unknown>;
}

export function ActionModal({ action, detail, onClose, run }: ActionModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  if (!action) return null;
  const label = t(`enums.requestAction.${action}`);
  const destructive = DESTRUCTIVE_ACTIONS.includes(action);

  const submit = async ({ photos, meetingAt, ...values }: FormValues) => {
    const body: Record<string, unknown> = { ...values };
    if (PHOTO_ACTIONS.includes(action)) body.photoIds = photoIds(photos);
    if (meetingAt) body.meetingAt = meetingAt.toISOString();
    const send = async () => {
      setBusy(true);
      try {
        await run(action, body);
        onClose();
      } catch (error) {
        applyFieldErrors(form, error);
      } finally {
        setBusy(false);
      }
    };
    if (destructive) {
      Modal.confirm({
        title: t('requests.confirmAction', { action: label }),
        okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
        okText: label,
        cancelText: t('common.cancel'),
        onOk: send,
      });
    } else await send();
  };

  const noteLabel =
    action === 'progress'
      ? t('requests.progressNote')
      : action === 'visit'
        ? t('requests.visitNote')
        : action === 'resolve'
          ? t('requests.resolveNote')
          : action === 'supervise'
            ? t('requests.superviseNote')
            : action === 'rate'
              ? t('requests.ratingComment')
              : REASON_ACTIONS.includes(action)
                ? t('requests.reason')
                : t('requests.note');
  const noteRequired = REASON_ACTIONS.includes(action) || action === 'progress' || action === 'supervise';

  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      okText={label}
      okButtonProps={{ danger: destructive, loading: busy, 'data-testid': 'action-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      destroyOnHidden
      maskClosable={false}
      width={560}
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} preserve={false} data-testid="action-form">
        {action === 'dispatch' && <AssigneeField />}
        {(action === 'accept' || action === 'dispatch') && (
          <Form.Item name="urgency" label={t('requests.changeUrgency')} initialValue={detail.urgency}>
            <Radio.Group
              optionType="button"
              options={URGENCIES.map((u) => ({ value: u, label: t(`enums.urgency.${u}`) }))}
            />
          </Form.Item>
        )}
        {action === 'merge' && <MergeTargetField selfId={detail.id} />}
        {action === 'meeting' && (
          <>
            <Form.Item
              name="meetingAt"
              label={t('requests.meetingAt')}
              required
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name="attendees"
              label={t('requests.attendees')}
              required
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2 }}
                maxLength={500}
                placeholder={t('requests.attendeesPlaceholder')}
              />
            </Form.Item>
            <Form.Item
              name="decisions"
              label={t('requests.decisions')}
              required
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} showCount />
            </Form.Item>
          </>
        )}
        {action === 'request_extension' && (
          <Form.Item
            name="extensionDays"
            label={t('requests.extensionDays')}
            required
            rules={[{ required: true, message: t('validation.extensionRequired') }]}
          >
            <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        {action === 'decide_extension' && (
          <Form.Item
            name="approve"
            label={
              detail.pendingExtensionDays
                ? t('requests.pendingExtension', { days: detail.pendingExtensionDays })
                : t('requests.approve')
            }
            required
            rules={[{ required: true, message: t('validation.approveRequired') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('requests.approveYes') },
                { value: false, label: t('requests.approveNo') },
              ]}
            />
          </Form.Item>
        )}
        {action === 'rate' && (
          <Form.Item
            name="rating"
            label={t('requests.rating')}
            required
            rules={[{ required: true, message: t('validation.ratingRequired') }]}
          >
            <Rate data-testid="action-rating" />
          </Form.Item>
        )}
        {action !== 'merge' && (
          <Form.Item
            name="note"
            label={noteLabel}
            required={noteRequired}
            rules={
              noteRequired
                ? [
                    {
                      required: true,
                      whitespace: true,
                      message: REASON_ACTIONS.includes(action)
                        ? t('validation.reasonRequired')
                        : t('validation.noteRequired'),
                    },
                  ]
                : []
            }
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              showCount
              data-testid="action-note"
            />
          </Form.Item>
        )}
        {PHOTO_ACTIONS.includes(action) && (
          <Form.Item name="photos" label={t('requests.photos')} extra={t('requests.photosHint')}>
            <PhotoUpload />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
