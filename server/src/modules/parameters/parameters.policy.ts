import type { Role } from '../../db/schema.ts';

/** Who reads the measures' parameters: the city office, and 市委/市政府, to whom the office reports (督11, 督12, 督18). */
export const parameterReaderRoles: readonly Role[] = ['office_admin', 'office_staff', 'city_leader'];

/** Who changes them: the office's administrator, like the accounts. */
export const parameterEditorRoles: readonly Role[] = ['office_admin'];

export type ParameterAction = 'edit';
