/** A team's name (or colour name) on its colour. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { teamColourHex, type TeamColour } from '../../../common/teams/schemas.ts';

export function colourHex(colour: string): string {
  return colour in teamColourHex ? teamColourHex[colour as TeamColour] : '#8c8c8c';
}

export function ColourTag({ colour, label }: { colour: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={colourHex(colour)} variant="solid">
      {label ?? t(`enums.colour.${colour}`)}
    </Tag>
  );
}
