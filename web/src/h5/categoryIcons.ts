/** Category icons as emoji: readable on any phone, no icon font to download. */
const EMOJI: Record<string, string> = {
  road: '🛣️',
  water: '💧',
  power: '💡',
  environment: '🌳',
  safety: '🛡️',
  dispute: '🤝',
  care: '❤️',
  farming: '🌾',
  housing: '🏠',
  health: '🏥',
  idea: '💬',
  other: '📝',
};

export const categoryEmoji = (icon: string): string => EMOJI[icon] ?? EMOJI.other ?? '';
