/** Sign-in: username or mobile + password, under the town's name. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { PublicTown } from '../../../common/org/schemas.ts';
import { api, ApiError } from './api.ts';
import { ME_KEY, signIn } from './auth.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

type Town = z.infer<typeof PublicTown>;

/** Only same-site paths may be returned to after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const town = useQuery({ queryKey: ['public-town'], queryFn: () => api<Town>('/api/public/town'), retry: false });
  const townName = town.data?.name ?? '';

  useEffect(() => {
    document.title = `${t('auth.title')} · ${t('app.brand')}`;
  }, [t]);

  const submit = async (values: { username: string; password: string }) => {
    setPending(true);
    setError(null);
    try {
      const me = await signIn(values.username.trim(), values.password);
      client.clear();
      client.setQueryData(ME_KEY, me);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="lx-login">
      <div className="lx-login-lang">
        <LanguageSwitch />
      </div>
      <section className="lx-login-brand">
        <div className="lx-login-mark">连</div>
        <h1>
          {t('app.brand')}
          {townName && ` · ${t('app.townPlatform', { town: townName })}`}
        </h1>
        <p>{t('app.slogan')}</p>
      </section>
      <Card className="lx-login-card" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('auth.title')}
        </Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" size="large" requiredMark={false} onFinish={submit} disabled={pending}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input
              prefix={<UserOutlined />}
              placeholder={t('auth.usernamePlaceholder')}
              autoComplete="username"
              autoFocus
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('auth.passwordPlaceholder')}
              autoComplete="current-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={pending}>
            {pending ? t('auth.signingIn') : t('auth.signIn')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="lx-login-privacy">
          {t('auth.privacy')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
