import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// Supervision 督查 (督6–12): the annual plan, its supervisions (综合督查 / 专项督查), their
// teams (组长负责制, 督7) and the 责任清单 of 督9. Inspection teams (`teams`) are tied to one
// inspection by a NOT NULL foreign key, so supervision teams have a table of their own.

// 督9: the eight key areas, each followed by the sub-items the article lists ("主要包括……").
const checklist2017: [area: number, code: string, title: string][] = [
  [1, '9.1', '脱贫攻坚责任落实情况'],
  [1, '9.1.1', '加强组织领导'],
  [1, '9.1.2', '明确任务分工'],
  [1, '9.1.3', '建立工作制度'],
  [1, '9.1.4', '挂钩联系帮扶机制等方面落实情况'],
  [2, '9.2', '专项规划和重大政策措施落实情况'],
  [2, '9.2.1', '三年脱贫攻坚总体规划、年度计划的制定与实施情况'],
  [2, '9.2.2', '到村到户到人相关政策落实情况'],
  [2, '9.2.3', '到村到户到人帮扶举措制定与实施情况'],
  [3, '9.3', '减贫任务完成情况'],
  [3, '9.3.1', '相对贫困人口收入增长情况'],
  [3, '9.3.2', '相对贫困人口数量减少情况'],
  [3, '9.3.3', '年度减贫任务完成情况'],
  [3, '9.3.4', '三年目标任务完成情况'],
  [4, '9.4', '精准识别、精准退出情况'],
  [4, '9.4.1', '精准识别、精准退出标准和程序执行情况'],
  [4, '9.4.2', '相对贫困村和贫困人口识别、退出的准确度'],
  [5, '9.5', '对口帮扶、定点扶贫情况'],
  [5, '9.5.1', '对口帮扶关系对接情况'],
  [5, '9.5.2', '帮扶发展与帮扶脱贫统筹情况'],
  [5, '9.5.3', '产业对接、文化旅游、教育医疗、人才培养、干部培训等合作情况'],
  [5, '9.5.4', '党政机关、企事业单位、人民团体定点帮扶,集聚资金、项目、技术等各类资源要素投向贫困村贫困户等情况'],
  [6, '9.6', '行业扶贫、专项扶贫、重点扶贫项目实施、财政涉农资金整合等情况'],
  [6, '9.6.1', '围绕部门职能和行业特点,制定配套政策措施情况'],
  [6, '9.6.2', '采取措施推动配套政策措施落地落实和实施成效等情况'],
  [7, '9.7', '财政扶贫资金筹集使用情况'],
  [7, '9.7.1', '落实财政负担责任'],
  [7, '9.7.2', '积极筹措资金'],
  [7, '9.7.3', '强化资金监管'],
  [7, '9.7.4', '确保专款专用及资金使用效益情况'],
  [8, '9.8', '扶贫开发队伍建设情况'],
  [8, '9.8.1', '充实配强各级扶贫开发工作力量'],
  [8, '9.8.2', '加强扶贫开发队伍和机构建设'],
  [8, '9.8.3', '完善各级扶贫开发机构的设置和职能'],
  [8, '9.8.4', '扶贫干部培训、能力水平建设等方面情况'],
];

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

const statements = [
  `CREATE TABLE supervision_plans (
    id serial PRIMARY KEY,
    year integer NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    status text NOT NULL CHECK (status IN ('draft', 'approved')),
    created_by integer NOT NULL REFERENCES users (id),
    approved_by integer REFERENCES users (id),
    approved_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'approved') = (approved_at IS NOT NULL AND approved_by IS NOT NULL))
    )`,
  `CREATE TABLE supervisions (
    id serial PRIMARY KEY,
    plan_id integer NOT NULL REFERENCES supervision_plans (id),
    type text NOT NULL CHECK (type IN ('comprehensive', 'special')),
    target_assessment_unit_code text REFERENCES assessment_units (code),
    target_unit_id integer REFERENCES units (id),
    topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 500),
    planned_start date,
    planned_end date,
    status text NOT NULL CHECK (status IN ('proposed', 'approved', 'team_formed', 'in_field', 'report_submitted', 'closed')),
    proposed_by integer NOT NULL REFERENCES users (id),
    approved_by integer REFERENCES users (id),
    approved_at timestamptz,
    report text,
    report_submitted_by integer REFERENCES users (id),
    report_submitted_at timestamptz,
    closed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- A supervision targets one county (district) or one assistance unit, never both.
    CHECK ((target_assessment_unit_code IS NULL) <> (target_unit_id IS NULL)),
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
    CHECK (status = 'proposed' OR approved_at IS NOT NULL),
    CHECK (status NOT IN ('report_submitted', 'closed') OR report IS NOT NULL),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    )`,
  `CREATE INDEX supervisions_plan_idx ON supervisions (plan_id)`,
  `CREATE INDEX supervisions_target_unit_idx ON supervisions (target_unit_id) WHERE target_unit_id IS NOT NULL`,
  `CREATE INDEX supervisions_target_assessment_unit_idx ON supervisions (target_assessment_unit_code) WHERE target_assessment_unit_code IS NOT NULL`,
  `CREATE TABLE supervision_team_members (
    supervision_id integer NOT NULL REFERENCES supervisions (id),
    person_id integer NOT NULL REFERENCES people (id),
    role text NOT NULL CHECK (role IN ('leader', 'member')),
    PRIMARY KEY (supervision_id, person_id)
    )`,
  `-- 组长负责制 (督7): one leader per supervision team.
    CREATE UNIQUE INDEX supervision_team_members_one_leader ON supervision_team_members (supervision_id) WHERE role = 'leader'`,
  `CREATE INDEX supervision_team_members_person_idx ON supervision_team_members (person_id)`,
  `CREATE TABLE supervision_checklist_items (
    id serial PRIMARY KEY,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    area integer NOT NULL CHECK (area BETWEEN 1 AND 8),
    code text NOT NULL CHECK (code ~ '^9\\.[1-8](\\.[0-9]+)?$'),
    title text NOT NULL CHECK (length(title) > 0),
    sort_order integer NOT NULL,
    UNIQUE (year, code),
    CHECK (split_part(code, '.', 2)::int = area)
    )`,
  `INSERT INTO supervision_checklist_items (year, area, code, title, sort_order) VALUES
    ${checklist2017.map(([area, code, title], index) => `(2017, ${area}, ${quote(code)}, ${quote(title)}, ${index + 1})`).join(',\n    ')}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
