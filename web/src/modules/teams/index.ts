/** Team pages: teams, one team, squads. */
export { TeamsPage } from './TeamsPage.tsx';
export { TeamDetailPage } from './TeamDetailPage.tsx';
export { SquadsPage } from './SquadsPage.tsx';
