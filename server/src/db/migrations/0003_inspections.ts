import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// Inspection 巡查 (督13–18): the inspection, its team, field records, on-site handling
// recommendations, the 责任清单 of 督15, and the one problem ledger (SPEC §6).

// 督15: the four categories of problems an inspection looks for, with the sub-items the article lists.
const checklist2017: [category: string, code: string, title: string][] = [
  ['work_style', '15.1.1', '各级干部在落实脱贫攻坚目标任务方面责任制履行不到位'],
  ['work_style', '15.1.2', '失职渎职'],
  ['work_style', '15.1.3', '不作为、假作为、慢作为'],
  ['work_style', '15.1.4', '上级精神贯彻不及时、措施不得力、落实不到位'],
  ['work_style', '15.1.5', '敷衍应付、打折扣搞变通'],
  ['project_funds', '15.2.1', '违规安排扶贫项目'],
  ['project_funds', '15.2.2', '滥用职权、以权谋私'],
  ['project_funds', '15.2.3', '审核审批、项目实施、检查验收把关不严'],
  ['project_funds', '15.2.4', '违反规定改变财政扶贫资金使用范围'],
  ['project_funds', '15.2.5', '扶贫资金拨付不到位、下拨迟缓，造成资金滞留、影响效益发挥'],
  ['project_funds', '15.2.6', '贪占挪用、层层截留、虚报冒领、挥霍浪费扶贫资金'],
  ['identification_exit', '15.3.1', '贫困识别标准把关不严，程序不完整'],
  ['identification_exit', '15.3.2', '公开透明度不够，显失公平公正'],
  ['identification_exit', '15.3.3', '贫困对象漏户落人'],
  ['identification_exit', '15.3.4', '违反退出规定，相对贫困户“被脱贫”、相对贫困村“被销号”'],
  ['identification_exit', '15.3.5', '严重失实，弄虚作假搞“数字脱贫”'],
  ['identification_exit', '15.3.6', '脱贫质量不高、脱贫稳定性低'],
  ['discipline_complaints', '15.4.1', '纪检、监察、审计发现的违纪违规问题'],
  ['discipline_complaints', '15.4.2', '社会监督发现的违纪违规问题'],
  ['discipline_complaints', '15.4.3', '群众反映强烈的突出问题'],
];

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

const statements = [
  `CREATE TABLE checklist_items (
    id serial PRIMARY KEY,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    category text NOT NULL CHECK (category IN ('work_style', 'project_funds', 'identification_exit', 'discipline_complaints')),
    code text NOT NULL CHECK (code ~ '^[0-9]+(\\.[0-9]+)*$'),
    title text NOT NULL CHECK (length(title) > 0),
    sort_order integer NOT NULL,
    UNIQUE (year, code)
    )`,
  `INSERT INTO checklist_items (year, category, code, title, sort_order) VALUES
    ${checklist2017.map(([category, code, title], index) => `(2017, ${quote(category)}, ${quote(code)}, ${quote(title)}, ${index + 1})`).join(',\n    ')}`,
  `CREATE TABLE inspections (
    id serial PRIMARY KEY,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    assessment_unit_code text NOT NULL REFERENCES assessment_units (code),
    reason text NOT NULL CHECK (length(reason) > 0),
    plan text NOT NULL DEFAULT '',
    planned_start date,
    planned_end date,
    rectification_months integer NOT NULL DEFAULT 2 CHECK (rectification_months BETWEEN 1 AND 24),
    status text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'team_formed', 'in_field', 'report_submitted', 'feedback_issued', 'closed')),
    proposed_by integer NOT NULL REFERENCES users (id),
    decided_by integer REFERENCES users (id),
    decided_at timestamptz,
    decision_note text,
    report text,
    report_submitted_by integer REFERENCES users (id),
    report_submitted_at timestamptz,
    feedback_date date,
    feedback_text text,
    feedback_by integer REFERENCES users (id),
    closed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
    CHECK (status IN ('proposed') OR decided_by IS NOT NULL),
    CHECK (status NOT IN ('report_submitted', 'feedback_issued', 'closed') OR report IS NOT NULL),
    CHECK ((status IN ('feedback_issued', 'closed')) = (feedback_date IS NOT NULL)),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    )`,
  `CREATE INDEX inspections_unit_idx ON inspections (assessment_unit_code, year)`,
  `CREATE INDEX inspections_status_idx ON inspections (status)`,
  `CREATE TABLE teams (
    id serial PRIMARY KEY,
    inspection_id integer NOT NULL UNIQUE REFERENCES inspections (id),
    name text NOT NULL CHECK (length(name) > 0),
    formed_by integer NOT NULL REFERENCES users (id),
    formed_at timestamptz NOT NULL
    )`,
  `CREATE TABLE team_members (
    team_id integer NOT NULL REFERENCES teams (id),
    person_id integer NOT NULL REFERENCES people (id),
    role text NOT NULL CHECK (role IN ('leader', 'member')),
    PRIMARY KEY (team_id, person_id)
    )`,
  `-- 组长负责制 (督7, 督14): exactly one leader per team.
    CREATE UNIQUE INDEX team_members_one_leader ON team_members (team_id) WHERE role = 'leader'`,
  `CREATE INDEX team_members_person_idx ON team_members (person_id)`,
  `CREATE TABLE inspection_records (
    id serial PRIMARY KEY,
    inspection_id integer NOT NULL REFERENCES inspections (id),
    method text NOT NULL CHECK (method IN ('symposium', 'document_review', 'field_survey', 'questionnaire', 'interview',
      'briefing', 'public_report', 'unannounced_visit', 'third_party_results')),
    record_date date NOT NULL,
    place text NOT NULL CHECK (length(place) > 0),
    participants text NOT NULL DEFAULT '',
    notes text NOT NULL CHECK (length(notes) > 0),
    checklist_item_id integer REFERENCES checklist_items (id),
    recorded_by integer NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX inspection_records_inspection_idx ON inspection_records (inspection_id)`,
  `CREATE TABLE handling_recommendations (
    id serial PRIMARY KEY,
    inspection_id integer NOT NULL REFERENCES inspections (id),
    problem text NOT NULL CHECK (length(problem) > 0),
    recommendation text NOT NULL CHECK (length(recommendation) > 0),
    issued_by integer NOT NULL REFERENCES users (id),
    issued_at timestamptz NOT NULL
    )`,
  `CREATE INDEX handling_recommendations_inspection_idx ON handling_recommendations (inspection_id)`,
  `CREATE TABLE problems (
    id serial PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('inspection', 'supervision', 'complaint', 'assessment')),
    source_id integer NOT NULL,
    inspection_id integer REFERENCES inspections (id),
    category text NOT NULL CHECK (length(category) > 0),
    checklist_item_id integer REFERENCES checklist_items (id),
    responsible_unit_code text NOT NULL REFERENCES assessment_units (code),
    description text NOT NULL CHECK (length(description) > 0),
    evidence text NOT NULL DEFAULT '',
    severity text NOT NULL DEFAULT 'general' CHECK (severity IN ('general', 'serious')),
    requirement text NOT NULL DEFAULT '',
    notified_on date,
    deadline date,
    measures text,
    rectification_evidence text,
    reported_at timestamptz,
    extension_reason text,
    requested_deadline date,
    verified_by integer REFERENCES users (id),
    verified_at timestamptz,
    verification_note text,
    return_reason text,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'reported', 'verified', 'returned',
      'extension_requested', 'extension_granted', 'transferred')),
    recorded_by integer NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((source = 'inspection') = (inspection_id IS NOT NULL)),
    CHECK (source <> 'inspection' OR source_id = inspection_id),
    CHECK (source <> 'inspection' OR category IN ('work_style', 'project_funds', 'identification_exit', 'discipline_complaints')),
    CHECK ((notified_on IS NULL) = (deadline IS NULL)),
    CHECK (deadline IS NULL OR deadline >= notified_on),
    -- Nothing moves on a problem before the responsible unit has been told about it.
    CHECK (status = 'open' OR notified_on IS NOT NULL),
    CHECK (status NOT IN ('reported', 'verified') OR (measures IS NOT NULL AND reported_at IS NOT NULL)),
    CHECK ((status = 'verified') = (verified_at IS NOT NULL)),
    CHECK (status <> 'returned' OR return_reason IS NOT NULL),
    CHECK (status <> 'extension_requested' OR (requested_deadline IS NOT NULL AND extension_reason IS NOT NULL))
    )`,
  `CREATE INDEX problems_source_idx ON problems (source, source_id)`,
  `CREATE INDEX problems_unit_status_idx ON problems (responsible_unit_code, status)`,
  `CREATE INDEX problems_deadline_idx ON problems (deadline) WHERE status <> 'verified'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
