/** The printable month roster of a workstation (A4 landscape), without the app's frame. */
import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import type { Roster } from './types.ts';
import './duty-print.css';

export function RosterPrintPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const ws = params.get('ws') ?? '';
  const month = params.get('month') ?? '';
  const roster = useQuery({
    queryKey: ['duty', 'roster', ws, month],
    queryFn: () => api<Roster>(`/api/workstations/${ws}/roster`, { query: { month } }),
  });
  const data = roster.data;
  const title = data ? t('dutyPages.printTitle', { name: data.workstationName, month }) : '';
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
  if (!data) return <Spin style={{ margin: 48 }} />;
  return (
    <div className="lx-duty-print">
      <div className="toolbar">
        <Button type="primary" onClick={() => window.print()}>
          {t('dutyPages.print')}
        </Button>{' '}
        <span className="lx-muted">{t('dutyPages.printHint')}</span>
      </div>
      <h1 data-testid="print-title">{title}</h1>
      <table>
        <thead>
          <tr>
            <th style={{ width: 110 }}>{t('dutyPages.date')}</th>
            {data.shifts.map((s) => (
              <th key={s.key}>
                {s.name} {s.start}–{s.end}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.days.map((d) => (
            <tr key={d.date} className={d.staffed ? '' : 'off'}>
              <td>
                {d.date.slice(5)} {t(`duty.weekday.${d.weekday}`)}
              </td>
              {data.shifts.map((s) => {
                const people = d.slots.find((x) => x.key === s.key)?.people ?? [];
                return (
                  <td key={s.key}>
                    {people.length
                      ? people.map((p) => p.personName).join('、')
                      : (d.holiday ?? (d.staffed ? '' : t('dutyPages.notStaffed')))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
