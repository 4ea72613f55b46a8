/**
 * `/care/visits/:id` — where a request raised on a visit links to: opens the recipient's page with
 * that visit highlighted.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CareVisit } from '../../../../common/care/schemas.ts';
import { api } from '../../app/api.ts';
import { PageSpin } from '../../components/PageSpin.tsx';
import { CARE } from './types.ts';

export function VisitRedirectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const visit = useQuery({
    queryKey: [CARE, 'visit', id],
    queryFn: () => api<CareVisit>(`${CARE}/visits/${id}`),
    retry: false,
  });
  useEffect(() => {
    if (visit.data)
      void navigate(`/care/recipients/${visit.data.recipientId}?visit=${visit.data.id}#visit-${visit.data.id}`, {
        replace: true,
      });
  }, [visit.data, navigate]);
  if (visit.isError)
    return (
      <Result
        status="warning"
        title={t('carePages.visitNotFound')}
        subTitle={visit.error.message || undefined}
        extra={
          <Link to="/care/recipients">
            <Button>{t('carePages.backToList')}</Button>
          </Link>
        }
      />
    );
  return <PageSpin />;
}
