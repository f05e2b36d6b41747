import path from 'node:path';
import { sql, type Transaction } from 'kysely';
import type { DB, Rank } from '../db/schema.ts';
import { appendAuditEvent } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { turnIntoDemoInstallation } from '../kernel/installation.ts';
import { findJob, finishJob, insertJob, resumeJob } from '../kernel/jobs.ts';
import { upsertRegions } from '../modules/regions/regions.repo.ts';
import { seedParameterDefaultsIfEmpty } from '../modules/parameters/parameters.service.ts';
import { loadGeneratedHouseholds } from '../modules/registry/registry.generated-output.ts';
import { generateHouseholds, type GeneratedHousehold } from '../modules/registry/registry.generate.ts';
import { huizhouVillages } from '../modules/registry/registry.villages.ts';
import { DIVISION_SOURCE, readRegionExtract, REGION_EXTRACT_DIR, toRegionRecords } from '../modules/regions/regions.source.ts';
import { defaultExitLineOf, exitCriteriaDefaults } from '../modules/registry/registry.exit-criteria.ts';
import { givenNamesBySex, surnames } from '../modules/registry/registry.names.ts';
import { type AccountSeed, assessmentUnits2017, cityPosts, countyPosts, DEMO_PASSWORD, demoAccounts, povertyVillageQuota, units } from './huizhou.data.ts';

const SYSTEM = { id: null, name: '系统初始化' };
const DEMO_YEAR = 2017;

/** A small deterministic generator, so the demo is the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** True once the Huizhou reference data has been loaded. */
export async function hasReferenceData(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('assessment_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) > 0;
}

/**
 * Loads Huizhou's reference data in one transaction: the real region tree from the vendored
 * extract, the 7 assessment units of 2017 with their towns, and the units. Audited as one event.
 * The roster and the year's poverty villages are the office's own (`people import`,
 * `regions poverty-villages`); the demo brings generated ones (seedDemoAccounts).
 */
export async function seedHuizhouReferenceData(ctx: AppContext): Promise<Record<string, number>> {
  const extract = await readRegionExtract(path.join(REGION_EXTRACT_DIR, '4413.csv'));
  const regions = toRegionRecords(extract, DIVISION_SOURCE);
  return ctx.db.transaction().execute(async (trx) => {
    await upsertRegions(trx, regions);
    const towns = regions.filter((region) => region.level === 'town');

    for (const [index, unit] of assessmentUnits2017.entries()) {
      await trx
        .insertInto('assessment_units')
        .values({ code: unit.code, name: unit.name, category: unit.category, county_code: unit.countyCode, governs_county: unit.governsCounty, sort_order: index + 1 })
        .execute();
    }
    const carvedOut = new Set(assessmentUnits2017.flatMap((unit) => (Array.isArray(unit.towns) ? unit.towns : [])));
    const unitTowns = assessmentUnits2017.flatMap((unit) => {
      const codes: readonly string[] = Array.isArray(unit.towns)
        ? unit.towns
        : towns.filter((town) => town.county_code === unit.countyCode && (unit.towns === 'all' || !carvedOut.has(town.code))).map((town) => town.code);
      return codes.map((townCode) => ({ year: DEMO_YEAR, town_code: townCode, unit_code: unit.code }));
    });
    await trx.insertInto('assessment_unit_towns').values(unitTowns).execute();

    const insertedUnits = await trx
      .insertInto('units')
      .values(units.map((unit) => ({ name: unit.name, is_leading_group_member: unit.isLeadingGroupMember, assistance_category: unit.assistanceCategory, region_code: unit.regionCode ?? null })))
      .returning(['id'])
      .execute();

    const counts = {
      regions: regions.length,
      towns: towns.length,
      villages: regions.filter((region) => region.level === 'village').length,
      assessmentUnits: assessmentUnits2017.length,
      units: insertedUnits.length,
    };
    await appendAuditEvent(trx, ctx.clock, SYSTEM, { action: 'seed.reference_data', entityType: 'seed', entityId: 'huizhou-2017', after: counts });
    return counts;
  });
}

/**
 * The demo's roster: the 46 poverty-village flags of 2017 spread evenly over each county's village committees
 * (村民委员会, never urban communities), and four or five generated people per unit for the teams.
 */
async function seedDemoRoster(trx: Transaction<DB>, clock: Clock): Promise<{ povertyVillages: number; people: number }> {
  const villages = await trx.selectFrom('regions').select(['code', 'county_code', 'name']).where('level', '=', 'village').orderBy('code').execute();
  const povertyVillages = Object.entries(povertyVillageQuota).flatMap(([countyCode, quota]) => {
    const candidates = villages.filter((village) => village.county_code === countyCode && village.name.endsWith('村民委员会'));
    const step = candidates.length / quota;
    return Array.from({ length: quota }, (_, index) => candidates[Math.floor(index * step + step / 2)]!).map((village) => ({
      village_code: village.code,
      year: DEMO_YEAR,
      exit_status: 'not_exited' as const,
      exit_year: null,
      is_demo: true,
    }));
  });
  await trx.insertInto('poverty_villages').values(povertyVillages).onConflict((oc) => oc.doNothing()).execute();

  const units = await trx.selectFrom('units').select(['id', 'region_code']).orderBy('id').execute();
  const random = seededRandom(20170406);
  const counties = ['441302', '441303', '441322', '441323', '441324'];
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const people = units.flatMap((unit) => {
    // A city bureau is 正处级 (its head and deputies 处级), a county office 正科级; nobody in these units is 厅级.
    const ranks: Rank[] = unit.region_code ? ['section', 'section', 'section', 'other'] : ['division', 'division', 'section', 'section', 'other'];
    return ranks.map((rank, index) => {
      const gender = random() < 0.6 ? ('male' as const) : ('female' as const);
      return {
        name: `${pick(surnames)}${pick(givenNamesBySex[gender])}`,
        gender,
        unit_id: unit.id,
        post: (unit.region_code ? countyPosts : cityPosts)[index]!,
        rank,
        // County staff live in their own county; city staff come from anywhere.
        home_region_code: unit.region_code ? unit.region_code.slice(0, 6) : pick(counties),
      };
    });
  });
  await trx.insertInto('people').values(people).execute();
  const counts = { povertyVillages: povertyVillages.length, people: people.length };
  await appendAuditEvent(trx, clock, SYSTEM, { action: 'seed.demo_roster', entityType: 'seed', entityId: 'roster-2017', after: counts });
  return counts;
}

/** Creates the demo roster and the demo accounts (all with the password Demo@2017) unless accounts already exist. */
export async function seedDemoAccounts(ctx: AppContext): Promise<string[]> {
  const existing = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return [];
  const hashes = await Promise.all(demoAccounts.map(() => hashPassword(DEMO_PASSWORD)));
  return ctx.db.transaction().execute(async (trx) => {
    const hasRoster = await trx.selectFrom('people').select('id').limit(1).executeTakeFirst();
    if (!hasRoster) await seedDemoRoster(trx, ctx.clock);
    const unitIds = new Map((await trx.selectFrom('units').select(['id', 'name']).execute()).map((unit) => [unit.name, unit.id]));
    const people = await trx.selectFrom('people').select(['id', 'unit_id', 'rank']).orderBy('id').execute();
    const personFor = (spec: AccountSeed['person']) => (spec ? (people.find((person) => person.unit_id === unitIds.get(spec.unitName) && person.rank === spec.rank)?.id ?? null) : null);
    const rows = demoAccounts.map((account, index) => ({
      username: account.username,
      display_name: account.displayName,
      role: account.role,
      assessment_unit_code: account.assessmentUnitCode ?? null,
      town_code: account.townCode ?? null,
      unit_id: account.unitName ? (unitIds.get(account.unitName) ?? null) : null,
      person_id: personFor(account.person),
      password_hash: hashes[index]!,
    }));
    const inserted = await trx.insertInto('users').values(rows).returning(['id', 'username', 'role']).execute();
    for (const user of inserted) {
      await appendAuditEvent(trx, ctx.clock, SYSTEM, { action: 'user.create', entityType: 'user', entityId: user.id, after: { username: user.username, role: user.role } });
    }
    return inserted.map((user) => user.username);
  });
}

/** Writes the default exit criteria (R-R3) when none are configured. */
async function seedExitCriteriaIfEmpty(ctx: AppContext): Promise<void> {
  const existing = await ctx.db.selectFrom('exit_criteria').select('year').limit(1).executeTakeFirst();
  if (existing) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('exit_criteria').values(exitCriteriaDefaults).execute();
    await appendAuditEvent(trx, ctx.clock, SYSTEM, { action: 'exit_criteria.seed', entityType: 'exit_criteria', entityId: 'defaults', after: exitCriteriaDefaults });
  });
}

/**
 * Loads what a real office needs too, whatever is missing: the Huizhou reference data (regions, assessment units,
 * units, people), the default exit criteria and the measures' parameters for 2017 (their Huizhou defaults). Never
 * demo accounts or demo households.
 */
export async function seedReferenceData(ctx: AppContext): Promise<{ reference: Record<string, number> | null }> {
  const reference = (await hasReferenceData(ctx)) ? null : await seedHuizhouReferenceData(ctx);
  await seedExitCriteriaIfEmpty(ctx);
  await seedParameterDefaultsIfEmpty(ctx, SYSTEM);
  if (reference) await sql`ANALYZE`.execute(ctx.db);
  return { reference };
}

/**
 * Reference data, and on request the demo accounts (which make the installation a demo one) and the demo registry:
 * how the test harness and the end-to-end system set up a database in one call.
 */
export async function seedIfEmpty(
  ctx: AppContext,
  options: { demoAccounts: boolean; demoRegistry?: boolean },
): Promise<{ reference: Record<string, number> | null; accounts: string[]; registry: DemoRegistryOutcome | null }> {
  const { reference } = await seedReferenceData(ctx);
  if (options.demoAccounts || options.demoRegistry) await turnIntoDemoInstallation(ctx, SYSTEM);
  const accounts = options.demoAccounts ? await seedDemoAccounts(ctx) : [];
  const registry = options.demoRegistry ? await seedDemoRegistry(ctx) : null;
  await sql`ANALYZE`.execute(ctx.db);
  return { reference, accounts, registry };
}

/** Huizhou's real order of magnitude (15,188 households, 35,546 people in 2016), generated as of 2017 with planted 数字脱贫 cases. */
export const DEMO_REGISTRY = { households: 15_188, seed: 2017, year: 2017 };
/** Households per transaction: a server started meanwhile keeps answering between them. */
const DEMO_REGISTRY_BATCH = 2500;
const DEMO_REGISTRY_JOB = 'demo-registry-2017';

export type DemoRegistryProgress = { households: number; members: number; target: number };

export type DemoRegistryOutcome =
  /** Finished by this call; resumedFrom > 0 when an earlier, interrupted generation had loaded that many. */
  | { state: 'generated'; households: number; members: number; resumedFrom: number }
  /** Finished earlier. */
  | { state: 'complete'; households: number; members: number }
  /** The registry already holds households that the demo generation did not write: nothing generated. */
  | { state: 'not_generated'; households: number }
  /** Another process is generating it right now. */
  | { state: 'busy'; households: number };

/** The demo generation stopped part-way: what is there and what is missing, in Chinese. */
export class DemoRegistryIncomplete extends Error {}

function describeMissing(progress: DemoRegistryProgress): string {
  const format = (count: number) => count.toLocaleString('zh-CN');
  return `已载入 ${format(progress.households)} / ${format(progress.target)} 户，尚缺 ${format(progress.target - progress.households)} 户`;
}

/**
 * Generates the demo registry as a job that survives the process: each batch of households commits together
 * with the job's progress, so after a kill the next call resumes after the last committed batch (the generator
 * is deterministic) and nothing is loaded twice; the batch also checks, under the job row's lock, that nobody
 * else moved the job meanwhile. Returns what it found or did; throws DemoRegistryIncomplete when it stops part-way.
 */
export async function seedDemoRegistry(ctx: AppContext, options: { onBatch?: (progress: DemoRegistryProgress) => void } = {}): Promise<DemoRegistryOutcome> {
  let job = await findJob(ctx.db, 'demo_registry', DEMO_REGISTRY_JOB);
  if (!job) {
    const existing = await ctx.db.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) return { state: 'not_generated', households: Number(existing.n) };
    const progress: DemoRegistryProgress = { households: 0, members: 0, target: DEMO_REGISTRY.households };
    await insertJob(ctx.db, ctx.clock, { id: DEMO_REGISTRY_JOB, kind: 'demo_registry', status: 'running', progress });
    job = (await findJob(ctx.db, 'demo_registry', DEMO_REGISTRY_JOB))!;
  }
  let committed = job.progress as DemoRegistryProgress;
  if (job.status === 'done') return { state: 'complete', households: committed.households, members: committed.members };
  if (job.status === 'failed') await resumeJob(ctx.db, ctx.clock, DEMO_REGISTRY_JOB);
  const resumedFrom = committed.households;

  try {
    const villages = await huizhouVillages();
    const households = generateHouseholds({ ...DEMO_REGISTRY, withAnomalies: true, isForFile: false, villages, exitLineOf: defaultExitLineOf });
    // The generator is deterministic: skip what the committed batches hold.
    for (let skipped = 0; skipped < committed.households; skipped += 1) households.next();
    for (;;) {
      const batch: GeneratedHousehold[] = [];
      while (batch.length < DEMO_REGISTRY_BATCH) {
        const next = households.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) break;
      const expected = committed;
      const loaded = await ctx.withRawSession(async (session) => {
        await session.query('BEGIN');
        try {
          const [row] = await session.query<{ progress: DemoRegistryProgress }>('SELECT progress FROM jobs WHERE id = $1 FOR UPDATE', [DEMO_REGISTRY_JOB]);
          if (row?.progress.households !== expected.households) {
            await session.query('ROLLBACK');
            return null;
          }
          const counts = await loadGeneratedHouseholds(session, ctx.personalData, batch);
          const progress = { households: expected.households + counts.households, members: expected.members + counts.members, target: expected.target };
          await session.query('UPDATE jobs SET progress = $2, updated_at = $3 WHERE id = $1', [DEMO_REGISTRY_JOB, JSON.stringify(progress), ctx.clock.now()]);
          await session.query('COMMIT');
          return progress;
        } catch (error) {
          await session.query('ROLLBACK');
          throw error;
        }
      });
      if (!loaded) return { state: 'busy', households: committed.households };
      committed = loaded;
      options.onBatch?.(committed);
    }
    await ctx.db.transaction().execute(async (trx) => {
      await finishJob(trx, ctx.clock, DEMO_REGISTRY_JOB, { status: 'done', result: committed });
      await appendAuditEvent(trx, ctx.clock, SYSTEM, { action: 'seed.demo_registry', entityType: 'seed', entityId: 'registry-2017', after: { ...DEMO_REGISTRY, ...committed, resumedFrom } });
    });
    await sql`ANALYZE`.execute(ctx.db);
    return { state: 'generated', households: committed.households, members: committed.members, resumedFrom };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failure = `演示建档立卡数据生成中断（${reason}）：${describeMissing(committed)}；下次启动服务器或运行 npx dukao demo seed 时从中断处继续。`;
    await finishJob(ctx.db, ctx.clock, DEMO_REGISTRY_JOB, { status: 'failed', failure }, { onlyIfUnfinished: true }).catch(() => undefined);
    throw new DemoRegistryIncomplete(failure, { cause: error });
  }
}

/** Where an unfinished demo generation stands, for the start-up line (null when there is none). */
export async function describeUnfinishedDemoRegistry(ctx: AppContext): Promise<string | null> {
  const job = await findJob(ctx.db, 'demo_registry', DEMO_REGISTRY_JOB);
  if (!job || job.status === 'done') return null;
  return `上次的演示建档立卡数据生成没有完成（${job.status === 'failed' ? '出错中断' : '服务器停止或重启'}）：${describeMissing(job.progress as DemoRegistryProgress)}，现从中断处继续生成。`;
}
