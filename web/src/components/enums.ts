/** Options and labels for the enums shown in Chinese (or English). */
import type { TFunction } from 'i18next';

export type EnumGroup =
  | 'politicalStatus'
  | 'background'
  | 'teamRole'
  | 'role'
  | 'villageKind'
  | 'workstationLevel'
  | 'colour'
  | 'gender'
  | 'outcome';

/** `enumLabel(t, 'teamRole', 'leader')` → 队长. */
export function enumLabel(t: TFunction, group: EnumGroup, value: string | null | undefined): string {
  return value ? t(`enums.${group}.${value}`) : t('common.none');
}

/** Select options for an enum's values, labelled in the UI language. */
export function enumOptions<V extends string>(t: TFunction, group: EnumGroup, values: readonly V[]) {
  return values.map((value) => ({ value, label: t(`enums.${group}.${value}`) }));
}
