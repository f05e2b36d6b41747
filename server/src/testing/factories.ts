import type { Rank } from '../db/schema.ts';
import type { AppContext } from '../kernel/context.ts';

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
