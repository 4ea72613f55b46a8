/** Tags and small labels of activities: state and kind colours, sign-up states, the place and time. */
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ActivityState, SignupState } from '../../../../common/activities/lifecycle.ts';
import { TIME_ZONE } from '../../app/format.ts';
import { colourHex } from '../../components/ColourTag.tsx';
import type { ActivitySummary } from './types.ts';

export const STATE_COLOURS: Record<ActivityState, string> = {
  planned: 'default',
  published: 'blue',
  under_way: 'processing',
  done: 'green',
  reported: 'cyan',
  cancelled: 'red',
};

/** Hex colours of the kinds, for the calendar and the charts. */
export const KIND_HEX: Record<string, string> = {
  service_day: '#c41d1d',
  campaign: '#fa8c16',
  training: '#1677ff',
  visit_drive: '#eb2f96',
  other: '#8c8c8c',
};

/**
 * An activity state as a label. The catalogue's English states are lower case to sit inside
 * sentences ("The activity is under way: …"); on their own they start with a capital.
 */
export const stateLabel = (t: TFunction, state: string): string => {
  const label = t(`enums.activityState.${state}`);
  return label.charAt(0).toUpperCase() + label.slice(1);
};

export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state as ActivityState] ?? 'default'} data-testid="activity-state">
      {stateLabel(t, state)}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_HEX[kind] ?? '#8c8c8c'} variant="outlined">
      {t(`enums.activityKind.${kind}`)}
    </Tag>
  );
}

const SIGNUP_COLOURS: Record<SignupState, string> = {
  signed_up: 'blue',
  waitlisted: 'gold',
  cancelled: 'default',
  attended: 'green',
  no_show: 'red',
};

export function SignupTag({ state, position }: { state: string; position?: number | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={SIGNUP_COLOURS[state as SignupState] ?? 'default'} data-testid="signup-state">
      {t(`enums.signupState.${state}`)}
      {state === 'waitlisted' && position ? ` #${position}` : ''}
    </Tag>
  );
}

/** Team tags; with `max`, the first `max` and a "+N" tag naming the rest on hover (narrow table cells). */
export function TeamTags({
  teams,
  max,
}: {
  teams: { id?: string; name: string; color: string | null }[];
  max?: number;
}) {
  const shown = max && teams.length > max ? teams.slice(0, max) : teams;
  const rest = teams.slice(shown.length);
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {shown.map((team) => (
        <Tag
          key={team.id ?? team.name}
          color={team.color ? colourHex(team.color) : undefined}
          variant="solid"
          style={{ marginInlineEnd: 0 }}
        >
          {team.name}
        </Tag>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map((team) => team.name).join('、')}>
          <Tag style={{ marginInlineEnd: 0 }} data-testid="more-teams">
            +{rest.length}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** `2026-12-22 09:00–11:30` in Shanghai (the end's date too when it is another day). */
export function timeRange(startAt: string, endAt: string): string {
  const s = dayjs.utc(startAt).tz(TIME_ZONE);
  const e = dayjs.utc(endAt).tz(TIME_ZONE);
  return `${s.format('YYYY-MM-DD HH:mm')}–${e.format(s.isSame(e, 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm')}`;
}

/** Workstation, village and address joined, or a dash. */
export function placeText(t: TFunction, a: Pick<ActivitySummary, 'workstationName' | 'villageName' | 'address'>) {
  return [a.workstationName, a.villageName, a.address].filter(Boolean).join(' · ') || t('common.none');
}

/** `12 / 20` places, `12` when unlimited, with the waiting list. */
export function placesText(
  t: TFunction,
  p: { capacity: number | null; taken: number; waitlisted: number; free?: number | null },
): string {
  const base = p.capacity === null ? String(p.taken) : `${p.taken} / ${p.capacity}`;
  return p.waitlisted ? `${base}（${t('activityPages.waitlistedN', { n: p.waitlisted })}）` : base;
}

/** Hours with one decimal. */
export const formatHours = (h: number | null | undefined) =>
  h === null || h === undefined ? '—' : `${Math.round(h * 10) / 10}`;
