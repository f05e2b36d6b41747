import type { ProblemCategory, RecordMethod } from '../db/schema.ts';
import type { SupervisionType } from '../db/schema.supervisions.ts';

/*
 * The demo's year of supervision and inspection work in Huizhou, 2017: what the city office, the
 * teams, the counties and the assistance unit did, as data. `huizhou.activity.ts` plays it through
 * the HTTP API with the demo accounts, so every row passes the same rules as real work. Places are
 * real towns and villages of the vendored division extract; people on teams come from the roster.
 */

export const ACTIVITY_YEAR = 2017;

/** Who acts: the office (staff drafts, the head approves), the team, the county or unit responsible, the city leader, the discipline liaison. */
export type ActivityActor = 'staff' | 'admin' | 'leader' | 'teamleader' | 'teammember' | 'responsible' | 'jiwei';

/** A field record of 督4; `checklistCode` names the checklist item it covers (督9 or 督15). */
export type RecordSpec = {
  method: RecordMethod;
  recordDate: string;
  place: string;
  participants?: string;
  notes: string;
  checklistCode?: string;
};

/** A visit on the team's schedule; with `record`, the visit was made (an unannounced one is unsealed then). */
export type VisitSpec = {
  method: RecordMethod;
  plannedOn: string;
  targetRegionCode?: string;
  targetDescription: string;
  record?: Omit<RecordSpec, 'method'>;
};

/** One step of a problem's rectification in the ledger, by the county or unit responsible or by the office. */
export type RectificationStep =
  | { by: 'responsible'; action: 'start' }
  | { by: 'responsible'; action: 'submit'; body: { measures: string; evidence: string } }
  | { by: 'responsible'; action: 'request-extension'; body: { reason: string; requestedDeadline: string } }
  | { by: 'staff' | 'admin'; action: 'verify'; body: { note: string } }
  | { by: 'staff' | 'admin'; action: 'return'; body: { reason: string } }
  | { by: 'staff' | 'admin'; action: 'grant-extension' };

/** A problem found in field work, and what became of it. */
export type FindingSpec = {
  key: string;
  checklistCode: string;
  description: string;
  evidence?: string;
  severity?: 'general' | 'serious';
  requirement?: string;
  rectification?: RectificationStep[];
  /** 督18, R-I8: the office's decision on publishing the verified rectification. */
  disclosure?: { decision: 'disclose' | 'withhold'; reason: string };
  /** 督17: referred to 纪检监察, and how far the liaison has got with it. */
  transfer?: { summary: string; receipt: { accept?: string; file?: string } };
};

export type SupervisionStage = 'proposed' | 'approved' | 'in_field' | 'report_submitted' | 'result_notified' | 'closed';

export type SupervisionSpec = {
  key: string;
  type: SupervisionType;
  target: { assessmentUnitCode: string } | { unitName: string };
  topic: string;
  plannedStart: string;
  plannedEnd: string;
  stage: SupervisionStage;
  /** Colleagues from the member units besides the demo leader and member. */
  extraMembers?: number;
  visits?: VisitSpec[];
  records?: RecordSpec[];
  findings?: FindingSpec[];
  /** The leader's closing line under the generated draft. */
  reportClosing?: string;
  result?: { notifiedOn: string; resultText: string; deadline?: string; rectificationMonths?: number };
};

export const PLAN = { year: ACTIVITY_YEAR, title: '2017年度脱贫攻坚督查计划' };

export const POWER_SUPPLY_BUREAU = '广东电网有限责任公司惠州供电局';

/**
 * Supervisions of 2017 (督6–12) at every stage: 龙门县 closed with its findings verified, 惠东县 with the
 * result notified and its findings being rectified, 博罗县 in the field with a sealed unannounced visit,
 * 惠城区 just approved, the 惠州供电局 (an assistance unit) awaiting verification; two 专项督查. 惠阳区,
 * 大亚湾区, 仲恺高新区 and the other assistance units have had no 综合督查 — the coverage view says so.
 */
export const supervisions: SupervisionSpec[] = [
  {
    key: 'longmen',
    type: 'comprehensive',
    target: { assessmentUnitCode: 'LM' },
    topic: '2017年上半年龙门县脱贫攻坚综合督查（责任落实、到户帮扶、精准识别与精准退出）',
    plannedStart: '2017-04-10',
    plannedEnd: '2017-04-14',
    stage: 'closed',
    extraMembers: 1,
    visits: [
      {
        method: 'symposium',
        plannedOn: '2017-04-10',
        targetDescription: '县扶贫办座谈会（县直有关部门、各镇分管负责同志）',
        record: {
          recordDate: '2017-04-10',
          place: '龙门县扶贫开发领导小组办公室会议室',
          participants: '督查组全体成员；县扶贫办、县财政局、县民政局、县农业局及各镇分管负责同志',
          notes: '听取龙门县关于 2017 年脱贫攻坚责任落实、精准识别和到户帮扶工作的汇报，县直部门逐一汇报行业扶贫政策落实情况；县委、县政府已建立县领导挂钩联系贫困村制度。',
          checklistCode: '9.1.4',
        },
      },
      {
        method: 'unannounced_visit',
        plannedOn: '2017-04-12',
        targetRegionCode: '441324101',
        targetDescription: '永汉镇暗访：随机入户走访已脱贫户和未脱贫户',
        record: {
          recordDate: '2017-04-12',
          place: '永汉镇鹤湖村、红星村',
          participants: '督查组成员 3 人（未提前通知）',
          notes: '随机入户走访 12 户，其中已脱贫户 5 户、未脱贫户 7 户，核对帮扶手册、收入台账和到户项目；鹤湖村 2 户有劳动能力贫困户的产业帮扶项目尚未落实。',
          checklistCode: '9.2.3',
        },
      },
    ],
    records: [
      {
        method: 'document_review',
        recordDate: '2017-04-11',
        place: '龙门县扶贫开发领导小组办公室',
        participants: '督查组成员 2 人；县扶贫办档案管理人员',
        notes: '查阅 2016—2017 年度扶贫对象识别、退出档案和到户资金拨付凭证，抽查档案 40 份，其中 6 份退出档案缺少村民代表评议和公示记录。',
        checklistCode: '9.4.1',
      },
    ],
    findings: [
      {
        key: 'longmen-industry',
        checklistCode: '9.2.3',
        description: '永汉镇鹤湖村 2 户有劳动能力贫困户的到户产业帮扶项目未落实，帮扶措施停留在帮扶手册上',
        evidence: '2017年4月12日暗访入户记录',
        requirement: '逐户制定并落实产业帮扶措施，一个月内报送落实情况',
        rectification: [
          { by: 'responsible', action: 'start' },
          {
            by: 'responsible',
            action: 'submit',
            body: {
              measures: '永汉镇为 2 户落实了养殖（鸡苗 300 羽）和种植（砂糖橘 5 亩）帮扶项目，帮扶资金 1.2 万元已发放到户，驻村工作队每月回访。',
              evidence: '到户项目验收表、资金发放凭证、入户回访照片（2017年5月18日）',
            },
          },
          { by: 'staff', action: 'verify', body: { note: '经 2017年5月下旬电话回访和资料核查，帮扶项目已落实到户，整改到位。' } },
        ],
      },
      {
        key: 'longmen-exit-files',
        checklistCode: '9.4.1',
        description: '部分贫困户退出档案缺少村民代表评议和公示环节的记录，退出程序不完整',
        evidence: '抽查退出档案 40 份，6 份缺少公示记录',
        requirement: '补齐退出程序材料，严格执行民主评议和公示程序',
        rectification: [
          { by: 'responsible', action: 'start' },
          {
            by: 'responsible',
            action: 'submit',
            body: {
              measures: '全县对 2016 年度退出户档案逐户复查，补开村民代表评议会 9 场，补充公示材料 126 份；县扶贫办印发退出程序操作指引。',
              evidence: '评议会议记录、公示照片、《龙门县贫困户退出程序操作指引》',
            },
          },
          { by: 'staff', action: 'verify', body: { note: '复查了 20 份补充后的退出档案，程序材料齐全。' } },
        ],
      },
    ],
    reportClosing: '以上报告经督查组集体讨论，组长审定。',
    result: {
      notifiedOn: '2017-04-28',
      resultText:
        '龙门县脱贫攻坚责任体系健全，县领导挂钩联系贫困村制度落实较好。督查发现到户产业帮扶措施落实不到位、部分退出档案程序不完整等问题，请龙门县对照问题清单于一个月内整改到位，并将整改情况报市扶贫办。',
      rectificationMonths: 1,
    },
  },
  {
    key: 'huidong',
    type: 'comprehensive',
    target: { assessmentUnitCode: 'HD' },
    topic: '2017年下半年惠东县脱贫攻坚综合督查（年度减贫任务、扶贫资金监管、精准退出）',
    plannedStart: '2017-09-11',
    plannedEnd: '2017-09-15',
    stage: 'result_notified',
    extraMembers: 2,
    visits: [
      {
        method: 'symposium',
        plannedOn: '2017-09-11',
        targetDescription: '县扶贫办座谈会（县财政局、县扶贫办、各镇分管负责同志）',
        record: {
          recordDate: '2017-09-11',
          place: '惠东县扶贫开发领导小组办公室会议室',
          participants: '督查组全体成员；县扶贫办、县财政局及 14 个镇分管负责同志',
          notes: '听取惠东县 2017 年减贫任务进度和扶贫资金拨付使用情况汇报；截至 8 月底全县年度减贫任务完成 61%，安墩镇、高潭镇进度偏慢。',
          checklistCode: '9.3.3',
        },
      },
      {
        method: 'field_survey',
        plannedOn: '2017-09-13',
        targetRegionCode: '441323118',
        targetDescription: '高潭镇实地调查：中洞村已脱贫户收入核算',
        record: {
          recordDate: '2017-09-13',
          place: '高潭镇中洞村',
          participants: '督查组成员 3 人；镇扶贫办、村"两委"干部',
          notes: '入户核对 15 户已标注脱贫户的收入台账，其中 3 户将一次性慰问金计入家庭可支配收入，扣除后低于当年退出标准。',
          checklistCode: '9.4.2',
        },
      },
    ],
    records: [
      {
        method: 'document_review',
        recordDate: '2017-09-12',
        place: '惠东县财政局',
        participants: '督查组成员 2 人；县财政局国库股、农业股负责同志',
        notes: '查阅扶贫资金专户账目和拨付文件：2017 年省级下达到村扶贫资金 1,280 万元，截至 9 月 12 日已拨付到镇 850 万元，430 万元滞留县级专户超过 3 个月。',
        checklistCode: '9.7.4',
      },
    ],
    findings: [
      {
        key: 'huidong-exit',
        checklistCode: '9.4.2',
        description: '高潭镇中洞村 3 户已标注脱贫户的收入核算计入了一次性慰问金，扣除后未达退出标准，退出依据不实',
        evidence: '2017年9月13日入户核查记录及收入台账',
        severity: 'serious',
        requirement: '重新核算收入，不达标的退回未脱贫并落实帮扶措施',
        rectification: [
          { by: 'responsible', action: 'start' },
          {
            by: 'responsible',
            action: 'submit',
            body: { measures: '高潭镇已将 3 户退回未脱贫，落实就业帮扶措施。', evidence: '镇扶贫办情况说明' },
          },
          { by: 'staff', action: 'return', body: { reason: '未附重新核算后的收入台账和全县同类问题的排查情况，请补充后重新报送。' } },
          {
            by: 'responsible',
            action: 'submit',
            body: {
              measures: '高潭镇已将 3 户退回未脱贫并安排公益性岗位；全县对 2016—2017 年退出户收入核算逐户排查，另发现 5 户同类问题，已一并纠正。',
              evidence: '重新核算的收入台账、全县排查情况表、公益性岗位安排表',
            },
          },
          { by: 'staff', action: 'verify', body: { note: '收入台账和排查情况表已核对，整改到位。' } },
        ],
      },
      {
        key: 'huidong-funds',
        checklistCode: '9.7.4',
        description: '2017 年省级下达到村扶贫资金 1,280 万元中有 430 万元滞留县级财政专户超过 3 个月，资金效益未能发挥',
        evidence: '县财政局扶贫资金专户账目（截至 2017年9月12日）',
        requirement: '加快资金拨付，明确村级项目实施计划，按月报送拨付进度',
        rectification: [
          {
            by: 'responsible',
            action: 'request-extension',
            body: { reason: '部分村级道路和水利项目须在冬季农闲时施工，资金按工程进度拨付，申请延期至年底。', requestedDeadline: '2017-12-31' },
          },
          { by: 'admin', action: 'grant-extension' },
        ],
      },
      {
        key: 'huidong-progress',
        checklistCode: '9.3.3',
        description: '安墩镇 2017 年度减贫任务完成进度滞后，截至 8 月底仅完成年度任务的 52%',
        evidence: '县扶贫办减贫进度统计表',
        requirement: '制定年度减贫攻坚计划，按月向市扶贫办报送进度',
        rectification: [{ by: 'responsible', action: 'start' }],
      },
    ],
    reportClosing: '以上报告经督查组集体讨论，组长审定。',
    result: {
      notifiedOn: '2017-09-29',
      resultText:
        '惠东县脱贫攻坚工作总体有序推进，但年度减贫任务进度滞后、到村扶贫资金滞留、个别退出户收入核算不实等问题较为突出。请惠东县于 2017年10月31日前整改到位，逐项报送整改情况。',
      deadline: '2017-10-31',
    },
  },
  {
    key: 'boluo',
    type: 'comprehensive',
    target: { assessmentUnitCode: 'BL' },
    topic: '2017年博罗县脱贫攻坚综合督查（帮扶举措、对口帮扶、扶贫队伍建设）',
    plannedStart: '2017-11-20',
    plannedEnd: '2017-11-24',
    stage: 'in_field',
    extraMembers: 1,
    visits: [
      {
        method: 'symposium',
        plannedOn: '2017-11-20',
        targetDescription: '县扶贫办座谈会（县直部门、驻村工作队代表）',
        record: {
          recordDate: '2017-11-20',
          place: '博罗县扶贫开发领导小组办公室会议室',
          participants: '督查组全体成员；县扶贫办、县人社局、县农业局负责同志及驻村工作队代表 6 人',
          notes: '听取博罗县帮扶举措落实和驻村工作队管理情况汇报；驻村干部反映部分镇扶贫专干调整频繁，政策衔接不畅。',
          checklistCode: '9.8.1',
        },
      },
      {
        method: 'field_survey',
        plannedOn: '2017-11-22',
        targetRegionCode: '441322103',
        targetDescription: '观音阁镇实地调查：十字路村光伏扶贫项目收益分配',
      },
      {
        method: 'unannounced_visit',
        plannedOn: '2017-11-23',
        targetRegionCode: '441322104',
        targetDescription: '公庄镇暗访：官山村帮扶项目和驻村工作队在岗情况',
      },
    ],
    records: [
      {
        method: 'document_review',
        recordDate: '2017-11-21',
        place: '博罗县人力资源和社会保障局',
        participants: '督查组成员 2 人',
        notes: '查阅 2017 年扶贫干部培训台账：县级组织培训 2 期，覆盖镇村扶贫干部 183 人，约占应培训人数的 57%。',
        checklistCode: '9.8.4',
      },
    ],
    findings: [
      {
        key: 'boluo-training',
        checklistCode: '9.8.4',
        description: '2017 年镇村扶贫干部培训覆盖率不足 60%，部分镇扶贫专干对到户政策掌握不准',
        evidence: '县人社局培训台账；座谈会记录',
        requirement: '年底前完成镇村扶贫干部全员轮训',
      },
    ],
  },
  {
    key: 'huicheng',
    type: 'comprehensive',
    target: { assessmentUnitCode: 'HC' },
    topic: '2017年惠城区脱贫攻坚综合督查（自身帮扶责任落实、相对贫困人口帮扶）',
    plannedStart: '2017-12-04',
    plannedEnd: '2017-12-08',
    stage: 'approved',
  },
  {
    key: 'power-supply',
    type: 'comprehensive',
    target: { unitName: POWER_SUPPLY_BUREAU },
    topic: '2017年惠州供电局定点帮扶工作综合督查（帮扶资金、项目投向贫困村情况）',
    plannedStart: '2017-06-12',
    plannedEnd: '2017-06-14',
    stage: 'result_notified',
    extraMembers: 1,
    records: [
      {
        method: 'briefing',
        recordDate: '2017-06-12',
        place: '惠州供电局',
        participants: '督查组全体成员；惠州供电局分管领导、扶贫办负责同志',
        notes: '听取惠州供电局定点帮扶工作汇报：2017 年计划投入帮扶资金 180 万元，用于帮扶村电网改造、村道硬底化和光伏扶贫项目。',
        checklistCode: '9.5.4',
      },
      {
        method: 'field_survey',
        recordDate: '2017-06-13',
        place: '龙门县龙田镇帮扶村',
        participants: '督查组成员 3 人；驻村第一书记',
        notes: '实地查看帮扶村电网改造和光伏电站，村道硬底化项目尚未开工，35 万元资金未拨付。',
        checklistCode: '9.5.4',
      },
    ],
    findings: [
      {
        key: 'power-supply-road',
        checklistCode: '9.5.4',
        description: '帮扶资金中 35 万元村道硬底化项目未按帮扶协议在上半年开工，资金、项目投向贫困村进度滞后',
        evidence: '2017年6月13日实地调查记录；帮扶协议',
        requirement: '落实项目施工单位，加快资金拨付和项目建设',
        rectification: [
          { by: 'responsible', action: 'start' },
          {
            by: 'responsible',
            action: 'submit',
            body: {
              measures: '村道硬底化项目已于 2017年8月开工、10月完工验收，35 万元帮扶资金已全部拨付，项目移交村集体管护。',
              evidence: '施工合同、竣工验收报告、资金拨付凭证',
            },
          },
        ],
      },
    ],
    reportClosing: '以上报告经督查组集体讨论，组长审定。',
    result: {
      notifiedOn: '2017-06-30',
      resultText: '惠州供电局定点帮扶责任落实，电网改造和光伏扶贫项目成效明显；村道硬底化项目进度滞后，请于 2017年8月31日前整改到位并报市扶贫办。',
      deadline: '2017-08-31',
    },
  },
  {
    key: 'huiyang-funds',
    type: 'special',
    target: { assessmentUnitCode: 'HY' },
    topic: '2017年惠阳区扶贫资金使用管理专项督查',
    plannedStart: '2017-08-07',
    plannedEnd: '2017-08-09',
    stage: 'report_submitted',
    records: [
      {
        method: 'document_review',
        recordDate: '2017-08-07',
        place: '惠阳区财政局',
        participants: '督查组全体成员；区财政局、区扶贫办负责同志',
        notes: '查阅 2017 年区级扶贫资金安排和拨付凭证，资金均按项目进度拨付，专账核算。',
        checklistCode: '9.7.3',
      },
      {
        method: 'field_survey',
        recordDate: '2017-08-08',
        place: '惠阳区镇隆镇',
        participants: '督查组成员 3 人',
        notes: '实地查看 3 个扶贫项目，资金使用与批复用途一致，公示到位。',
        checklistCode: '9.7.4',
      },
    ],
    reportClosing: '专项督查未发现违规使用扶贫资金的问题。组长审定。',
  },
  {
    key: 'dayawan-industry',
    type: 'special',
    target: { assessmentUnitCode: 'DYW' },
    topic: '2017年大亚湾区产业扶贫项目专项督查',
    plannedStart: '2017-12-11',
    plannedEnd: '2017-12-13',
    stage: 'proposed',
  },
];

/** The inspection of 龙门县 (督13–18): approved by the city, a team, field work, a handling recommendation, three findings in two 督15 categories. */
export const inspection = {
  year: ACTIVITY_YEAR,
  title: '2017年龙门县脱贫攻坚巡查',
  assessmentUnitCode: 'LM',
  reason: '根据年度工作安排和群众反映，龙门县到户扶贫资金拨付进度偏慢，部分镇精准退出工作存在疑点，报请市委、市政府批准开展巡查（第十三条）。',
  plan: '巡查组进驻龙门县 5 天，采取听取汇报、查阅资料、实地调查、受理群众举报等方式，重点巡查扶贫项目资金管理和精准识别、精准退出情况。',
  plannedStart: '2017-07-10',
  plannedEnd: '2017-07-14',
  approvalNote: '同意开展巡查。请巡查组严守纪律，发现问题及时处理。',
  teamName: '市脱贫攻坚第一巡查组',
  extraMembers: 2,
  records: [
    {
      method: 'briefing',
      recordDate: '2017-07-10',
      place: '龙门县委会议室',
      participants: '巡查组全体成员；龙门县委、县政府分管领导及县直有关部门负责同志',
      notes: '召开巡查工作动员会，听取龙门县脱贫攻坚工作汇报，公布巡查期间举报电话和意见箱。',
    },
    {
      method: 'document_review',
      recordDate: '2017-07-11',
      place: '龙门县财政局、县扶贫办',
      participants: '巡查组成员 3 人',
      notes: '查阅 2017 年到户产业扶持资金拨付凭证：第一批 86 万元 5 月下达，龙潭镇至 7 月中旬仍未发放到户。',
      checklistCode: '15.2.5',
    },
    {
      method: 'field_survey',
      recordDate: '2017-07-12',
      place: '龙潭镇、永汉镇',
      participants: '巡查组成员 4 人；镇扶贫办干部',
      notes: '入户走访 20 户，永汉镇 4 户已标注脱贫户家庭收入未达退出标准；龙潭镇 23 户贫困户反映未收到产业扶持资金。',
      checklistCode: '15.3.4',
    },
    {
      method: 'public_report',
      recordDate: '2017-07-13',
      place: '巡查组驻地',
      participants: '巡查组成员 2 人',
      notes: '受理群众来访 3 批 5 人次，其中反映龙潭镇某村原村委会副主任在危房改造补助申报中虚报冒领的线索 1 条，经初步核实基本属实。',
      checklistCode: '15.4.3',
    },
  ] satisfies RecordSpec[],
  recommendation: {
    problem: '龙潭镇 2017 年第一批到户产业扶持资金尚未发放到户',
    recommendation: '建议龙门县立即组织发放，于 7 月底前足额发放到户，并向巡查组书面报告。',
  },
  findings: [
    {
      key: 'inspection-funds',
      checklistCode: '15.2.5',
      description: '龙潭镇 2017 年第一批到户产业扶持资金 86 万元拨付迟缓，贫困户李国强等 23 户至 7 月中旬仍未收到',
      evidence: '县财政局拨付凭证；2017年7月12日入户走访记录',
      requirement: '立即足额拨付到户，建立到户资金拨付台账并公示',
      rectification: [
        { by: 'responsible', action: 'start' },
        {
          by: 'responsible',
          action: 'submit',
          body: {
            measures: '2017年7月28日已将 86 万元全部发放到 23 户贫困户账户，镇财政所建立到户资金拨付台账并在村务公开栏公示；经办人员作出书面检查。咨询电话：龙潭镇扶贫办 0752-7861234。',
            evidence: '银行代发清单、拨付台账、公示照片',
          },
        },
        { by: 'staff', action: 'verify', body: { note: '抽查 10 户，资金均已到账，整改到位。' } },
      ],
      disclosure: { decision: 'disclose', reason: '整改已核验到位，涉及群众切身利益，依照第十八条向社会公开整改结果。' },
    },
    {
      key: 'inspection-exit',
      checklistCode: '15.3.4',
      description: '永汉镇 4 户家庭收入未达退出标准的贫困户被标注为已脱贫',
      evidence: '2017年7月12日入户走访记录；收入台账',
      requirement: '重新核查，不符合退出标准的恢复贫困户身份并落实帮扶措施',
      rectification: [
        {
          by: 'responsible',
          action: 'submit',
          body: {
            measures: '4 户已恢复贫困户身份，落实产业和就业帮扶措施；全县开展退出质量"回头看"，对 2016 年以来的退出户逐户复核。',
            evidence: '恢复身份审批表、帮扶措施清单、"回头看"工作报告',
          },
        },
        { by: 'staff', action: 'verify', body: { note: '复核资料齐全，整改到位。' } },
      ],
      disclosure: { decision: 'withhold', reason: '涉及具体农户家庭收入等个人信息，整改情况已书面反馈举报人，不向社会公开。' },
    },
    {
      key: 'inspection-fraud',
      checklistCode: '15.2.6',
      description: '龙潭镇某村原村委会副主任在 2016 年危房改造补助申报中虚报 2 户、冒领补助资金 4 万元',
      evidence: '群众举报材料；危房改造补助申报表；2017年7月13日核实记录',
      severity: 'serious',
      requirement: '移交纪检监察机关依纪依法处理，追回被冒领资金',
      transfer: {
        summary: '巡查中发现龙潭镇某村原村委会副主任涉嫌在危房改造补助申报中虚报冒领补助资金 4 万元，根据《督查巡查办法》第十七条移交纪检监察机关处理。',
        receipt: { accept: '已受理，由市纪委第三纪检监察室会同龙门县纪委办理。', file: '经初步核实，已对该村原村委会副主任立案审查，被冒领资金已追回。' },
      },
    },
  ] satisfies FindingSpec[],
  reportClosing: '以上报告经巡查组集体讨论，组长审定。',
  feedbackDate: '2017-07-28',
  feedbackText:
    '巡查组认为，龙门县脱贫攻坚责任总体落实，但存在到户资金拨付迟缓、个别贫困户"被脱贫"和村干部虚报冒领等问题。请龙门县党委和政府根据反馈意见认真整改，2 个月内向市扶贫办反馈整改情况；涉嫌违纪问题已移交纪检监察机关。',
};

/** Complaints (督4): an anonymous one through the public form, a hotline call, a letter still waiting for triage. */
export const complaints = {
  anonymous: {
    subject: '反映高潭镇中洞村危房改造补助迟迟未发放',
    content: '我村有几户危房改造户去年就拆了旧房建新房，镇里说补助今年发，到现在还没拿到，希望上级帮忙过问。',
    regionCode: '441323118213',
    assignTo: 'HD',
    linkProblem: 'huidong-funds',
    answer:
      '经交办惠东县核查，中洞村 3 户危房改造补助资金滞留属实，已于 2017年11月20日发放到户；到村扶贫资金拨付迟缓问题已列入督查整改，市扶贫办将继续跟踪督办。感谢您的监督。',
  },
  hotline: {
    subject: '反映永汉镇红星村有贫困户收入未达标就被脱贫',
    content: '我是红星村村民，村里有一户家里只有老人和小孩，没有稳定收入，今年却被说已经脱贫了，帮扶干部也很少来。',
    regionCode: '441324101207',
    name: '黄志明',
    phone: '13800138000',
    assignTo: 'LM',
    problem: {
      category: 'identification_exit' as ProblemCategory,
      description: '永汉镇红星村群众来电反映 1 户家庭无稳定收入即被标注脱贫，帮扶干部走访不到位',
      requirement: '核实该户 2017 年家庭收入，不符合退出标准的恢复贫困户身份并落实帮扶责任人',
    },
  },
  letter: {
    subject: '反映官山村光伏扶贫项目收益分配不公开',
    content: '村里的光伏电站建好一年多了，发电收益怎么分、分给了谁，村里从来没有公布过，请上级调查。',
    regionCode: '441322104220',
    name: '叶秀兰',
    contact: '博罗县公庄镇官山村（来信地址）',
  },
};

/** A commendation (通报表扬) or model case (先进典型) of 督11, from a supervision's results or proposed directly. */
export type CommendationSpec = {
  kind: 'commendation' | 'model_case';
  target: { assessmentUnitCode: string } | { unitName: string };
  fromSupervision?: string;
  title: string;
  description: string;
  note: string;
};

/** 督11: two commendations and a model case, proposed by the office and approved by its head. */
export const commendations: CommendationSpec[] = [
  {
    kind: 'commendation',
    target: { assessmentUnitCode: 'LM' },
    fromSupervision: 'longmen',
    title: '督查发现问题整改迅速、全部按期整改到位',
    description: '龙门县对 2017 年上半年综合督查发现的问题建立整改台账，逐项明确责任领导和完成时限，全部问题在期限内整改到位，并举一反三开展全县退出档案复查。',
    note: '同意通报表扬。',
  },
  {
    kind: 'commendation',
    target: { assessmentUnitCode: 'BL' },
    title: '驻村帮扶工作扎实、帮扶措施精准',
    description: '博罗县全面落实驻村工作队管理制度，驻村干部在岗率高，到户帮扶措施做到"一户一策"，2017 年相对贫困人口收入增长较快。',
    note: '同意通报表扬。',
  },
  {
    kind: 'model_case',
    target: { unitName: POWER_SUPPLY_BUREAU },
    fromSupervision: 'power-supply',
    title: '电网改造与光伏扶贫相结合的定点帮扶模式',
    description: '惠州供电局结合行业特点，在帮扶村同步实施农网改造和村级光伏电站建设，光伏收益按贫困户人口分配并张榜公示，形成稳定增收渠道，可在全市推广。',
    note: '同意作为先进典型在全市推广。',
  },
];

/** The office's edits to the generated draft: the figures as of the year's end, and the head's line. */
export const SUMMARY_AS_OF = '截至2017年12月底';
export const SUMMARY_CLOSING = '\n\n（本报告经市扶贫办主任审定后报送市委、市政府。）';
