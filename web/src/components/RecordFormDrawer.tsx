/** A Drawer with a form for creating or editing a record; server field errors land on their fields. */
import { Button, Drawer, Form, Space, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../app/notify.ts';
import { applyFieldErrors } from './formRules.ts';

interface RecordFormDrawerProps<V> {
  open: boolean;
  title: string;
  onClose: () => void;
  initialValues?: Partial<V>;
  /** Saves; throw (an ApiError) to keep the drawer open. */
  onSubmit: (values: V) => Promise<unknown>;
  successMessage: string;
  /** Form items; a function gets the form for dependent fields. */
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  width?: number;
}

export function RecordFormDrawer<V extends object>(props: RecordFormDrawerProps<V>) {
  const { open, title, onClose, initialValues, onSubmit, successMessage, children } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: V) => {
    setSaving(true);
    try {
      await onSubmit(values);
      notify.success(successMessage);
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={props.width ?? 520}
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
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        preserve={false}
        scrollToFirstError
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Drawer>
  );
}
