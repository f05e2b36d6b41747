import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import { AppError } from '../../kernel/errors.ts';
import type { UserListQuery } from './users.schema.ts';

/** The scope columns of an account; at most the one its role takes is set (the table's CHECKs). */
export type ScopeColumns = {
  assessment_unit_code: string | null;
  town_code: string | null;
  unit_id: number | null;
  person_id: number | null;
};

export const noScopeColumns: ScopeColumns = { assessment_unit_code: null, town_code: null, unit_id: null, person_id: null };

// An account with the names of what its scope refers to; never the password hash.
function userQuery(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('assessment_units as au', 'au.code', 'u.assessment_unit_code')
    .leftJoin('regions as town', 'town.code', 'u.town_code')
    .leftJoin('regions as town_county', 'town_county.code', 'town.county_code')
    .leftJoin('units as unit', 'unit.id', 'u.unit_id')
    .leftJoin('people as person', 'person.id', 'u.person_id')
    .leftJoin('units as person_unit', 'person_unit.id', 'person.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.assessment_unit_code',
      'au.name as assessment_unit_name',
      'u.town_code',
      'town.name as town_name',
      'town_county.name as town_county_name',
      'u.unit_id',
      'unit.name as unit_name',
      'u.person_id',
      'person.name as person_name',
      'person_unit.name as person_unit_name',
      'u.is_active',
      'u.must_change_password',
      'u.created_at',
      'u.updated_at',
    ])
    // Until when some client must wait after failed logins on this account (the back-off of auth.throttle).
    .select((eb) =>
      eb
        .selectFrom('login_throttles as t')
        .select((inner) => inner.fn.max('t.blocked_until').as('until'))
        .whereRef('t.account', '=', 'u.username')
        .as('login_wait_until'),
    );
}

export type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** One page of accounts matching the filters, and how many match in all. */
export async function listUsers(db: Kysely<DB>, query: UserListQuery): Promise<{ rows: UserRow[]; total: number }> {
  let statement = userQuery(db);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    statement = statement.where((eb) => eb.or([eb('u.username', 'like', pattern.toLowerCase()), eb('u.display_name', 'like', pattern)]));
  }
  if (query.role) statement = statement.where('u.role', '=', query.role);
  if (query.isActive !== undefined) statement = statement.where('u.is_active', '=', query.isActive);
  if (query.scope) {
    const [kind, value = ''] = query.scope.split(':');
    if (kind === 'city') {
      statement = statement
        .where('u.assessment_unit_code', 'is', null)
        .where('u.town_code', 'is', null)
        .where('u.unit_id', 'is', null)
        .where('u.person_id', 'is', null);
    }
    if (kind === 'assessment_unit') statement = statement.where('u.assessment_unit_code', '=', value.toUpperCase());
    if (kind === 'town') statement = statement.where('u.town_code', '=', value);
    if (kind === 'unit') statement = statement.where('u.unit_id', '=', Number(value));
    if (kind === 'person') statement = statement.where('u.person_id', '=', Number(value));
  }
  const [rows, count] = await Promise.all([
    statement
      .orderBy('u.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    statement
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findUser(db: Kysely<DB> | Transaction<DB>, id: number): Promise<UserRow | undefined> {
  return userQuery(db).where('u.id', '=', id).executeTakeFirst();
}

export function findUserIdByUsername(db: Kysely<DB> | Transaction<DB>, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

/** The ids of the active administrators. */
export async function listActiveAdminIds(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('role', '=', 'office_admin').where('is_active', '=', true).execute();
  return rows.map((row) => row.id);
}

/**
 * Locks the active administrators' rows, then the target's, and reads them: every change of an
 * account takes these locks in this order, so two administrators disabling each other at once
 * are serialised and the second sees the first's change (the last-administrator rule holds).
 */
export async function lockForChange(trx: Transaction<DB>, id: number): Promise<{ activeAdminIds: number[]; target: UserRow | undefined }> {
  const admins = await trx.selectFrom('users').select('id').where('role', '=', 'office_admin').where('is_active', '=', true).orderBy('id').forUpdate().execute();
  await trx.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
  return { activeAdminIds: admins.map((admin) => admin.id), target: await findUser(trx, id) };
}

/** Inserts an account; a username taken meanwhile is a CONFLICT naming it, not a raw constraint error. */
export async function insertUser(
  trx: Transaction<DB>,
  values: { username: string; display_name: string; role: Role; password_hash: string; must_change_password: boolean; created_at: Date; updated_at: Date } & ScopeColumns,
): Promise<number> {
  try {
    const inserted = await trx.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw usernameTaken(values.username);
    throw error;
  }
}

export function usernameTaken(username: string): AppError {
  return new AppError('CONFLICT', `用户名「${username}」已被使用，请换一个`, { fields: [{ field: 'username', message: '已被使用' }] });
}

export async function updateUser(
  trx: Transaction<DB>,
  id: number,
  values: Partial<{ role: Role; is_active: boolean; password_hash: string; must_change_password: boolean }> &
    Partial<ScopeColumns> & { updated_at: Date },
): Promise<void> {
  await trx.updateTable('users').set(values).where('id', '=', id).execute();
}

/** Ends every session of the account; returns how many there were. */
export async function endSessions(trx: Transaction<DB>, userId: number): Promise<number> {
  const result = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many accounts exist at all (zero on a fresh installation). */
export async function countUsers(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
