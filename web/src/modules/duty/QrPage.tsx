/** The check-in QR code of a workstation, to print and put on the desk. */
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { qrMatrix, qrPath } from '../../../../common/duty/qr.ts';
import { api } from '../../app/api.ts';
import type { RosterRule } from './types.ts';
import './duty-print.css';

export function QrPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const ws = params.get('ws') ?? '';
  const rule = useQuery({
    queryKey: ['duty', 'rule', ws],
    queryFn: () => api<RosterRule>(`/api/workstations/${ws}/roster-rule`),
  });
  const url = `${window.location.origin}/h5/#/duty/checkin?ws=${ws}`;
  const matrix = useMemo(() => qrMatrix(url), [url]);
  const size = matrix.length + 8;
  return (
    <div className="lx-duty-qr">
      <div className="toolbar">
        <Button type="primary" onClick={() => window.print()}>
          {t('dutyPages.print')}
        </Button>
      </div>
      <h1>{t('dutyPages.qrTitle', { name: rule.data?.workstationName ?? '' })}</h1>
      <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-label={url} data-testid="qr">
        <rect width={size} height={size} fill="#fff" />
        <path d={qrPath(matrix)} fill="#000" shapeRendering="crispEdges" />
      </svg>
      <p style={{ fontSize: 18 }}>{t('dutyPages.qrHint')}</p>
      <p className="lx-muted" style={{ wordBreak: 'break-all' }}>
        {url}
      </p>
    </div>
  );
}
