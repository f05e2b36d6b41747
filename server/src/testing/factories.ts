import type { Rank, Role } from '../db/schema.ts';
import type { AppContext } from '../kernel/context.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { DEMO_PASSWORD } from '../seed/huizhou.data.ts';

let sequence = 0;

/** A unique suffix, so that tests sharing one PostgreSQL database never collide. */
export function uniqueSuffix(): string {
  sequence += 1;
  return `${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

/** Builds a unit (a city-level member unit unless told otherwise). */
export async function createUnit(ctx: AppContext, overrides: { name?: string; regionCode?: string | null } = {}) {
  return ctx.db
    .insertInto('units')
    .values({ name: overrides.name ?? `测试单位-${uniqueSuffix()}`, is_leading_group_member: true, assistance_category: '市直', region_code: overrides.regionCode ?? null })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

/** Builds a person, with a unit of their own unless one is given. */
export async function createPerson(ctx: AppContext, overrides: { unitId?: number; rank?: Rank; name?: string; homeRegionCode?: string } = {}) {
  const unitId = overrides.unitId ?? (await createUnit(ctx)).id;
  return ctx.db
    .insertInto('people')
    .values({
      name: overrides.name ?? `测试人员${uniqueSuffix()}`,
      gender: 'female',
      unit_id: unitId,
      post: '科长',
      rank: overrides.rank ?? 'section',
      home_region_code: overrides.homeRegionCode ?? '441323',
    })
    .returning(['id', 'name', 'unit_id', 'rank'])
    .executeTakeFirstOrThrow();
}

/** Builds a user account of the given role (password DEMO_PASSWORD), linked to a person when given. */
export async function createUser(
  ctx: AppContext,
  overrides: { role: Role; personId?: number; assessmentUnitCode?: string; username?: string },
) {
  const username = overrides.username ?? `u-${uniqueSuffix()}`.toLowerCase();
  return ctx.db
    .insertInto('users')
    .values({
      username,
      display_name: `测试用户${username}`,
      role: overrides.role,
      assessment_unit_code: overrides.assessmentUnitCode ?? null,
      town_code: null,
      unit_id: null,
      person_id: overrides.personId ?? null,
      password_hash: await hashPassword(DEMO_PASSWORD),
    })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow();
}
