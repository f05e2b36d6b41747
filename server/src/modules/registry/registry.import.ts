import type { Readable } from 'node:stream';
import type { RawSession } from '../../db/database.ts';
import { appendAuditEventRaw, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { maskIdNumber, maskPhone } from '../../kernel/privacy.ts';
import { todayInShanghai } from '../../kernel/time.ts';
import { copyLine, copyValue } from './registry.copy.ts';
import { readCsvRecords, type TextEncoding } from './registry.csv.ts';
import { readWorkbookRecords, type SheetRecord } from './registry.spreadsheet.ts';
import { checkHeader, validateRow, type ParsedRow, type RowError } from './registry.validate.ts';

export type ImportSource = { stream: Readable; format: 'csv' | 'xlsx'; encoding: TextEncoding | 'auto'; fileName?: string };

export type ImportOptions = {
  /** Import the valid households and report the rest; otherwise any bad row refuses the whole file. */
  isPartial: boolean;
  actor: AuditActor;
  onProgress?: (progress: { rowsRead: number }) => void;
};

export type ImportResult = {
  status: 'imported' | 'refused';
  encoding: TextEncoding | null;
  rowsRead: number;
  householdsImported: number;
  membersImported: number;
  householdsRejected: number;
  errorCount: number;
  /** At most MAX_REPORTED_ERRORS, in file order. */
  errors: RowError[];
};

const MAX_REPORTED_ERRORS = 10_000;
const PROGRESS_EVERY = 10_000;
// work_mem of the statements that move the staged rows into the registry (PostgreSQL).
const MOVE_WORK_MEM = '256MB';
// Staging rows go to COPY in batches of about this many characters: one message and one socket write per batch, not per row.
const COPY_BATCH_CHARACTERS = 64 * 1024;

// The staging table's columns, in COPY order.
const stagingColumns = [
  'line', 'household_no', 'village_code', 'head_name', 'attribute', 'identification_standard', 'identified_year', 'status',
  'exit_date', 'status_date', 'main_cause', 'other_causes', 'housing_grade', 'has_safe_water', 'has_electricity',
  'has_sanitary_toilet', 'food_clothing_secure', 'education_secured', 'medical_secured', 'housing_secured',
  'assistance_person', 'assistance_unit', 'phone_cipher', 'phone_masked', 'income_year', 'wage_income', 'production_income',
  'property_income', 'transfer_income', 'production_costs', 'per_capita_income', 'member_name', 'id_cipher', 'id_hash',
  'id_masked', 'sex', 'birth_date', 'relation', 'ethnicity', 'education', 'schooling', 'health', 'labour_ability',
  'migrant_months', 'has_dibao', 'has_medical_insurance', 'has_pension_insurance',
] as const;

const createStaging = `CREATE TEMP TABLE registry_import_rows (
  line integer NOT NULL, household_no text NOT NULL, village_code text NOT NULL, head_name text NOT NULL, attribute text NOT NULL,
  identification_standard text NOT NULL, identified_year integer NOT NULL, status text NOT NULL, exit_date date, status_date date,
  main_cause text NOT NULL, other_causes text[] NOT NULL, housing_grade text, has_safe_water boolean NOT NULL,
  has_electricity boolean NOT NULL, has_sanitary_toilet boolean NOT NULL, food_clothing_secure boolean NOT NULL,
  education_secured boolean NOT NULL, medical_secured boolean NOT NULL, housing_secured boolean NOT NULL,
  assistance_person text, assistance_unit text, phone_cipher text, phone_masked text, income_year integer NOT NULL,
  wage_income numeric(12, 2) NOT NULL, production_income numeric(12, 2) NOT NULL, property_income numeric(12, 2) NOT NULL,
  transfer_income numeric(12, 2) NOT NULL, production_costs numeric(12, 2) NOT NULL, per_capita_income numeric(12, 2) NOT NULL,
  member_name text NOT NULL, id_cipher text NOT NULL, id_hash text NOT NULL, id_masked text NOT NULL, sex text NOT NULL,
  birth_date date NOT NULL, relation text NOT NULL, ethnicity text NOT NULL, education text NOT NULL, schooling text NOT NULL,
  health text NOT NULL, labour_ability text NOT NULL, migrant_months smallint NOT NULL, has_dibao boolean NOT NULL,
  has_medical_insurance boolean NOT NULL, has_pension_insurance boolean NOT NULL
) ON COMMIT DROP`;

/** Turns each record of a CSV or XLSX file into cells with its line (row) number; the first is the header. */
async function* recordsOf(source: ImportSource, onEncoding: (encoding: TextEncoding) => void): AsyncGenerator<SheetRecord> {
  if (source.format === 'xlsx') {
    yield* readWorkbookRecords(source.stream);
    return;
  }
  let line = 0;
  for await (const cells of readCsvRecords(source.stream, source.encoding, onEncoding)) {
    line += 1;
    yield { line, cells };
  }
}

/**
 * A row without a value in any cell: spreadsheet programs write them below the data (Calc writes the formatted,
 * empty cells of a template; Excel's CSV has its lines of commas). It holds nothing to import or to refuse.
 */
function isBlankRecord(cells: string[]): boolean {
  return (cells[0] ?? '').trim() === '' && cells.every((cell) => cell.trim() === '');
}

/**
 * Imports households from a file in the registry layout, all or nothing (or, with `isPartial`,
 * every household whose rows are all valid). The file is streamed: parsed, validated and
 * encrypted row by row into a temporary table by COPY, checked there with set-based SQL
 * (village codes, duplicate 身份证号 in the file and in the registry, households already
 * present, one 户主 per household), then moved into the registry in the same transaction.
 * A failure or a kill at any point leaves the registry as it was.
 */
export async function importRegistryFile(ctx: AppContext, source: ImportSource, options: ImportOptions): Promise<ImportResult> {
  const today = todayInShanghai(ctx.clock);
  const errors: RowError[] = [];
  let errorCount = 0;
  const report = (error: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
  };
  const badHouseholds = new Set<string>();
  let encoding: TextEncoding | null = source.format === 'xlsx' ? null : source.encoding === 'auto' ? null : source.encoding;
  let rowsRead = 0;

  return ctx.withRawSession(async (session) => {
    await session.query('BEGIN');
    try {
      await session.query(createStaging);
      const encryptPhone = phoneEncrypter(ctx);
      const validLines = async function* (): AsyncGenerator<string> {
        let isHeader = true;
        let batch = '';
        for await (const { line, cells } of recordsOf(source, (detected) => (encoding = detected))) {
          if (isHeader) {
            isHeader = false;
            const headerProblems = checkHeader(cells);
            headerProblems.forEach(report);
            if (headerProblems.length > 0) return;
            continue;
          }
          if (isBlankRecord(cells)) continue;
          rowsRead += 1;
          if (options.onProgress && rowsRead % PROGRESS_EVERY === 0) options.onProgress({ rowsRead });
          const { row, errors: rowErrors } = validateRow(cells, line, today);
          if (!row) {
            rowErrors.forEach(report);
            const householdNo = (cells[0] ?? '').trim();
            if (householdNo) badHouseholds.add(householdNo);
            continue;
          }
          batch += stagingLine(ctx, row, encryptPhone);
          if (batch.length >= COPY_BATCH_CHARACTERS) {
            yield batch;
            batch = '';
          }
        }
        if (batch) yield batch;
      };
      await session.copyIn('registry_import_rows', stagingColumns, validLines());
      options.onProgress?.({ rowsRead });
      if (rowsRead === 0 && errorCount === 0) report({ line: 1, column: '(文件)', value: '', reason: '文件没有数据行' });

      await session.query('CREATE TEMP TABLE registry_import_bad (household_no text PRIMARY KEY) ON COMMIT DROP');
      if (badHouseholds.size > 0) {
        await session.copyIn('registry_import_bad', ['household_no'], (async function* () {
          for (const householdNo of badHouseholds) yield copyLine([householdNo]);
        })());
      }
      // Statistics only for the columns the checks and the moves join, group or filter on: the row count comes with them.
      await session.query('ANALYZE registry_import_rows (household_no, village_code, id_hash, relation)');
      for (const check of setChecks) {
        const found = await session.query<{ line: number; household_no: string; value: string | null; total: number }>(check.sql, [MAX_REPORTED_ERRORS]);
        for (const problem of found) {
          badHouseholds.add(problem.household_no);
          report({ line: problem.line, column: check.column, value: problem.value ?? '', reason: check.reason });
        }
        if (found.length > 0) {
          errorCount += Math.max(0, Number(found[0]!.total) - found.length);
          await session.query(`INSERT INTO registry_import_bad ${check.badHouseholdsSql} ON CONFLICT DO NOTHING`);
        }
      }
      errors.sort((a, b) => a.line - b.line);

      const isRefused = errorCount > 0 && !options.isPartial;
      if (isRefused || rowsRead === 0) {
        await session.query('ROLLBACK');
        return { status: 'refused', encoding, rowsRead, householdsImported: 0, membersImported: 0, householdsRejected: badHouseholds.size, errorCount, errors };
      }
      const hasBadHouseholds = badHouseholds.size > 0;
      // Fresh statistics for the planner when some households are left out (a partial import); without any, no filter at all.
      if (hasBadHouseholds) await session.query('ANALYZE registry_import_bad');
      // For the moves only (to the end of this transaction): the hash of the new households' numbers stays in one batch, so
      // members, incomes and status changes are written in file order, the order of the households they check their
      // foreign key against; the sorts stay in memory. (The checks above are as fast or faster with the default.)
      if (ctx.dbKind === 'postgres') await session.query(`SET LOCAL work_mem = '${MOVE_WORK_MEM}'`);
      const moved = await moveIntoRegistry(session, options.actor.name, hasBadHouseholds);
      await appendAuditEventRaw(session, ctx.clock, options.actor, {
        action: 'registry.import',
        entityType: 'registry_import',
        entityId: source.fileName ?? 'upload',
        after: { ...moved, rowsRead, householdsRejected: badHouseholds.size, errorCount, isPartial: options.isPartial, encoding },
      });
      await session.query('COMMIT');
      return { status: 'imported', encoding, rowsRead, ...moved, householdsRejected: badHouseholds.size, errorCount, errors };
    } catch (error) {
      await session.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Encrypts a household's phone number once for all its rows: the household fields repeat on every
 * member's row, and only one row's cipher text is kept (the head's). A different number on a
 * later row, or the next household, is encrypted afresh.
 */
function phoneEncrypter(ctx: AppContext): (householdNo: string, phone: string) => string {
  let last = { householdNo: '', phone: '', cipher: '' };
  return (householdNo, phone) => {
    if (last.householdNo !== householdNo || last.phone !== phone) last = { householdNo, phone, cipher: ctx.personalData.encrypt(phone) };
    return last.cipher;
  };
}

// Characters that COPY's text format must escape; most staging values have none and pass through as they are.
const COPY_SPECIAL = /[\\\t\n\r]/;

/** Free text in COPY's text format: \N for null, escapes only where a value has a backslash, tab or line break. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return COPY_SPECIAL.test(value) ? copyValue(value) : value;
}

const copyFlag = (value: boolean) => (value ? 't' : 'f');
const copyNullable = (value: string | null) => (value === null ? '\\N' : value);

/**
 * A row of the staging table in COPY's text format, the same text as `copyLine` of the staging
 * columns gives, written in one template. Codes, dates, numbers, flags, digits and cipher texts
 * come out of the validator or the cipher and cannot hold a character COPY escapes; free text is
 * escaped where needed.
 */
function stagingLine(ctx: AppContext, row: ParsedRow, encryptPhone: (householdNo: string, phone: string) => string): string {
  const idNumber = row.id_number;
  const phone = row.phone;
  return `${row.line}\t${copyText(row.household_no)}\t${copyText(row.village_code)}\t${copyText(row.head_name)}\t${row.attribute}\t${copyText(row.identification_standard)}\t${row.identified_year}\t${row.status}\t${copyNullable(row.exit_date)}\t${copyNullable(row.status_date)}\t${row.main_cause}\t{${row.other_causes.join(',')}}\t${copyNullable(row.housing_grade)}\t${copyFlag(row.has_safe_water)}\t${copyFlag(row.has_electricity)}\t${copyFlag(row.has_sanitary_toilet)}\t${copyFlag(row.food_clothing_secure)}\t${copyFlag(row.education_secured)}\t${copyFlag(row.medical_secured)}\t${copyFlag(row.housing_secured)}\t${copyText(row.assistance_person)}\t${copyText(row.assistance_unit)}\t${phone ? encryptPhone(row.household_no, phone) : '\\N'}\t${phone ? maskPhone(phone) : '\\N'}\t${row.income_year}\t${row.wage_income}\t${row.production_income}\t${row.property_income}\t${row.transfer_income}\t${row.production_costs}\t${row.per_capita_income}\t${copyText(row.member_name)}\t${ctx.personalData.encrypt(idNumber)}\t${ctx.personalData.lookupHash(idNumber)}\t${maskIdNumber(idNumber)}\t${row.sex}\t${row.birth_date}\t${row.relation}\t${copyText(row.ethnicity)}\t${copyText(row.education)}\t${copyText(row.schooling)}\t${row.health}\t${row.labour_ability}\t${row.migrant_months}\t${copyFlag(row.has_dibao)}\t${copyFlag(row.has_medical_insurance)}\t${copyFlag(row.has_pension_insurance)}\n`;
}

// A household with a row that failed validation is rejected already; its other rows would only echo that.
const notAlreadyRejected = 'NOT EXISTS (SELECT 1 FROM registry_import_bad b WHERE b.household_no = r.household_no)';

// Checks that need the whole file or the registry, each as one statement over the staging table.
// Each returns the offending rows (capped by $1) with the total count on every row.
const setChecks = [
  {
    column: '行政村代码',
    reason: '不是已登记的村（居）行政区划代码',
    sql: `SELECT line, household_no, village_code AS value, count(*) OVER () AS total FROM registry_import_rows r
          WHERE NOT EXISTS (SELECT 1 FROM regions v WHERE v.code = r.village_code AND v.level = 'village') ORDER BY line LIMIT $1`,
    badHouseholdsSql: `SELECT DISTINCT household_no FROM registry_import_rows r WHERE NOT EXISTS (SELECT 1 FROM regions v WHERE v.code = r.village_code AND v.level = 'village')`,
  },
  {
    column: '身份证号',
    reason: '与文件中前面的行重复（同一人不能出现两次）',
    sql: `SELECT line, household_no, id_masked AS value, count(*) OVER () AS total FROM (
            SELECT line, household_no, id_masked, row_number() OVER (PARTITION BY id_hash ORDER BY line) AS occurrence FROM registry_import_rows) repeated
          WHERE occurrence > 1 ORDER BY line LIMIT $1`,
    badHouseholdsSql: `SELECT DISTINCT household_no FROM (SELECT household_no, row_number() OVER (PARTITION BY id_hash ORDER BY line) AS occurrence FROM registry_import_rows) repeated WHERE occurrence > 1`,
  },
  {
    column: '身份证号',
    reason: '此人已在建档立卡库中（属于另一户或已导入）',
    sql: `SELECT r.line, r.household_no, r.id_masked AS value, count(*) OVER () AS total FROM registry_import_rows r
          JOIN household_members m ON m.id_hash = r.id_hash ORDER BY r.line LIMIT $1`,
    badHouseholdsSql: `SELECT DISTINCT r.household_no FROM registry_import_rows r JOIN household_members m ON m.id_hash = r.id_hash`,
  },
  {
    column: '户编号',
    reason: '该户已在建档立卡库中，不能重复导入',
    sql: `SELECT r.line, r.household_no, r.household_no AS value, count(*) OVER () AS total FROM registry_import_rows r
          JOIN households h ON h.household_no = r.household_no ORDER BY r.line LIMIT $1`,
    badHouseholdsSql: `SELECT DISTINCT r.household_no FROM registry_import_rows r JOIN households h ON h.household_no = r.household_no`,
  },
  {
    column: '与户主关系',
    reason: '每户须有且只有一名「户主」',
    sql: `SELECT min(line) AS line, household_no, count(*) FILTER (WHERE relation = 'head')::text || ' 名户主' AS value, count(*) OVER () AS total
          FROM registry_import_rows r WHERE ${notAlreadyRejected} GROUP BY household_no HAVING count(*) FILTER (WHERE relation = 'head') <> 1 ORDER BY 1 LIMIT $1`,
    badHouseholdsSql: `SELECT household_no FROM registry_import_rows r WHERE ${notAlreadyRejected} GROUP BY household_no HAVING count(*) FILTER (WHERE relation = 'head') <> 1`,
  },
  {
    column: '户编号',
    reason: '同一户的各行中户级信息（村、户主、状态、收入等）不一致',
    sql: `SELECT min(line) AS line, household_no, household_no AS value, count(*) OVER () AS total FROM registry_import_rows GROUP BY household_no
          HAVING count(DISTINCT (village_code, head_name, attribute, status, exit_date, status_date, main_cause, income_year, per_capita_income)) > 1
          ORDER BY 1 LIMIT $1`,
    badHouseholdsSql: `SELECT household_no FROM registry_import_rows GROUP BY household_no
          HAVING count(DISTINCT (village_code, head_name, attribute, status, exit_date, status_date, main_cause, income_year, per_capita_income)) > 1`,
  },
];

/** Moves the good staging rows into the registry tables with set-based INSERTs; returns the counts. */
async function moveIntoRegistry(
  session: RawSession,
  actorName: string,
  hasBadHouseholds: boolean,
): Promise<{ householdsImported: number; membersImported: number }> {
  const good = hasBadHouseholds ? `NOT EXISTS (SELECT 1 FROM registry_import_bad b WHERE b.household_no = r.household_no)` : 'true';
  // The member count is a window over the household's rows in the same order as DISTINCT ON reads them: one sort, not two.
  const households = await session.query<{ count: number }>(
    `WITH inserted AS (
       INSERT INTO households (household_no, village_code, town_code, county_code, head_name, attribute, identification_standard,
         identified_year, status, exit_year, exit_date, main_cause, other_causes, housing_grade, has_safe_water, has_electricity,
         has_sanitary_toilet, food_clothing_secure, education_secured, medical_secured, housing_secured, assistance_person,
         assistance_unit, phone_cipher, phone_masked, member_count, updated_by)
       SELECT DISTINCT ON (r.household_no) r.household_no, r.village_code, substr(r.village_code, 1, 9), substr(r.village_code, 1, 6),
         r.head_name, r.attribute, r.identification_standard, r.identified_year, r.status, extract(year FROM r.exit_date)::int, r.exit_date,
         r.main_cause, r.other_causes, r.housing_grade, r.has_safe_water, r.has_electricity, r.has_sanitary_toilet, r.food_clothing_secure,
         r.education_secured, r.medical_secured, r.housing_secured, r.assistance_person, r.assistance_unit, r.phone_cipher, r.phone_masked,
         count(*) OVER (PARTITION BY r.household_no ORDER BY (r.relation = 'head') DESC, r.line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), $1
       FROM registry_import_rows r WHERE ${good}
       ORDER BY r.household_no, (r.relation = 'head') DESC, r.line
       RETURNING id)
     SELECT count(*)::int AS count FROM inserted`,
    [actorName],
  );
  const members = await session.query<{ count: number }>(
    `WITH inserted AS (
       INSERT INTO household_members (household_id, name, id_cipher, id_hash, id_masked, sex, birth_date, relation, ethnicity, education,
         schooling, health, labour_ability, migrant_months, has_dibao, has_medical_insurance, has_pension_insurance)
       SELECT h.id, r.member_name, r.id_cipher, r.id_hash, r.id_masked, r.sex, r.birth_date, r.relation, r.ethnicity, r.education,
         r.schooling, r.health, r.labour_ability, r.migrant_months, r.has_dibao, r.has_medical_insurance, r.has_pension_insurance
       FROM registry_import_rows r JOIN households h ON h.household_no = r.household_no WHERE ${good}
       RETURNING id)
     SELECT count(*)::int AS count FROM inserted`,
  );
  await session.query(
    `INSERT INTO household_incomes (household_id, year, wage_income, production_income, property_income, transfer_income, production_costs, per_capita_income)
     SELECT DISTINCT ON (h.id) h.id, r.income_year, r.wage_income, r.production_income, r.property_income, r.transfer_income, r.production_costs, r.per_capita_income
     FROM registry_import_rows r JOIN households h ON h.household_no = r.household_no WHERE ${good} AND r.relation = 'head'
     ORDER BY h.id`,
  );
  // The status history the file implies: identified, exited, then returned or removed.
  await session.query(
    `INSERT INTO household_status_changes (household_id, from_status, to_status, effective_on, actor_name, note)
     SELECT h.id, change.from_status, change.to_status, change.effective_on, $1, '批量导入'
     FROM registry_import_rows r JOIN households h ON h.household_no = r.household_no
     CROSS JOIN LATERAL (VALUES
       (NULL::text, 'not_exited', make_date(r.identified_year, 1, 1), true),
       ('not_exited', 'exited', r.exit_date, r.exit_date IS NOT NULL),
       (CASE WHEN r.exit_date IS NULL THEN 'not_exited' ELSE 'exited' END, r.status, r.status_date, r.status IN ('returned', 'removed'))
     ) AS change (from_status, to_status, effective_on, applies)
     WHERE ${good} AND r.relation = 'head' AND change.applies`,
    [actorName],
  );
  return { householdsImported: households[0]?.count ?? 0, membersImported: members[0]?.count ?? 0 };
}

