/** The home page's row of request figures, linking to the figures page. */
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { FigureCards } from './FigureCards.tsx';
import type { Figures } from './types.ts';

export function RequestFiguresRow() {
  const { t } = useTranslation();
  const figures = useQuery({
    queryKey: ['/api/requests/figures', {}],
    queryFn: () => api<Figures>('/api/requests/figures'),
    retry: false,
  });
  if (figures.isError) return null;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
          {t('home.requestFigures')}
        </Typography.Title>
        <Link to="/requests/figures">{t('figures.more')}</Link>
      </div>
      <FigureCards
        data={figures.data}
        cards={['total', 'completionRate', 'satisfactionRate', 'openPastDue']}
        link="/requests/figures"
      />
    </>
  );
}
