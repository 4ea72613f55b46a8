/** Organisation pages: villages, hamlets, workstations, departments. */
export { VillagesPage } from './VillagesPage.tsx';
export { HamletsPage } from './HamletsPage.tsx';
export { WorkstationsPage } from './WorkstationsPage.tsx';
export { DepartmentsPage } from './DepartmentsPage.tsx';
