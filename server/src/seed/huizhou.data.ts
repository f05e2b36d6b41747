import type { Rank, Role } from '../db/schema.ts';

/** The seven assessment units of 考2 and the towns each administers (R-O2), Huizhou 2017. */
export const assessmentUnits2017 = [
  { code: 'HD', name: '惠东县', category: 'poverty_task', countyCode: '441323', governsCounty: true, towns: 'all' },
  { code: 'BL', name: '博罗县', category: 'poverty_task', countyCode: '441322', governsCounty: true, towns: 'all' },
  { code: 'LM', name: '龙门县', category: 'poverty_task', countyCode: '441324', governsCounty: true, towns: 'all' },
  { code: 'HC', name: '惠城区', category: 'self_assistance', countyCode: '441302', governsCounty: true, towns: 'rest' },
  { code: 'HY', name: '惠阳区', category: 'self_assistance', countyCode: '441303', governsCounty: true, towns: 'rest' },
  // 大亚湾: 澳头、霞涌、西区 — statutorily streets of 惠阳区.
  { code: 'DYW', name: '大亚湾区', category: 'self_assistance', countyCode: '441303', governsCounty: false, towns: ['441303006', '441303007', '441303008'] },
  // 仲恺: 惠环、陈江、潼湖、沥林、潼侨 and 东江高新科技产业园 — statutorily part of 惠城区.
  {
    code: 'ZK',
    name: '仲恺高新区',
    category: 'self_assistance',
    countyCode: '441302',
    governsCounty: false,
    towns: ['441302007', '441302008', '441302106', '441302107', '441302114', '441302401'],
  },
] as const;

/** 省定相对贫困村 per county, as demo flags on real village records (Huizhou: 46 in all). */
export const povertyVillageQuota = { '441323': 17, '441322': 16, '441324': 13 } as const;

export type UnitSeed = { name: string; isLeadingGroupMember: boolean; assistanceCategory: '市直' | '驻惠' | null; regionCode?: string };

export const units: UnitSeed[] = [
  // 市扶贫开发领导小组成员单位 (督7: team staff are drawn from these).
  { name: '惠州市扶贫开发领导小组办公室', isLeadingGroupMember: true, assistanceCategory: null },
  { name: '中共惠州市委办公室', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市人民政府办公室', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '中共惠州市委组织部', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '中共惠州市委宣传部', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '中共惠州市纪律检查委员会', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市发展和改革局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市财政局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市教育局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市民政局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市人力资源和社会保障局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市住房和城乡规划建设局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市卫生和计划生育局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市农业局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市林业局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市水务局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市交通运输局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市审计局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市统计局', isLeadingGroupMember: true, assistanceCategory: '市直' },
  { name: '惠州市残疾人联合会', isLeadingGroupMember: true, assistanceCategory: '市直' },
  // 市直及驻惠帮扶单位 that are not member units.
  { name: '惠州市国土资源局', isLeadingGroupMember: false, assistanceCategory: '市直' },
  { name: '惠州市公安局', isLeadingGroupMember: false, assistanceCategory: '市直' },
  { name: '惠州市中心人民医院', isLeadingGroupMember: false, assistanceCategory: '市直' },
  { name: '惠州学院', isLeadingGroupMember: false, assistanceCategory: '市直' },
  { name: '广东电网有限责任公司惠州供电局', isLeadingGroupMember: false, assistanceCategory: '驻惠' },
  { name: '中国移动通信集团广东有限公司惠州分公司', isLeadingGroupMember: false, assistanceCategory: '驻惠' },
  { name: '中国农业银行股份有限公司惠州分行', isLeadingGroupMember: false, assistanceCategory: '驻惠' },
  { name: '中海石油炼化有限责任公司惠州炼化分公司', isLeadingGroupMember: false, assistanceCategory: '驻惠' },
  // County-level poverty-alleviation offices, located where they sit.
  { name: '惠东县扶贫开发领导小组办公室', isLeadingGroupMember: false, assistanceCategory: null, regionCode: '441323' },
  { name: '博罗县扶贫开发领导小组办公室', isLeadingGroupMember: false, assistanceCategory: null, regionCode: '441322' },
  { name: '龙门县扶贫开发领导小组办公室', isLeadingGroupMember: false, assistanceCategory: null, regionCode: '441324' },
  { name: '惠城区扶贫开发领导小组办公室', isLeadingGroupMember: false, assistanceCategory: null, regionCode: '441302' },
  { name: '惠阳区扶贫开发领导小组办公室', isLeadingGroupMember: false, assistanceCategory: null, regionCode: '441303' },
  { name: '大亚湾区扶贫开发领导小组办公室', isLeadingGroupMember: false, assistanceCategory: null, regionCode: '441303006' },
  { name: '仲恺高新区扶贫开发领导小组办公室', isLeadingGroupMember: false, assistanceCategory: null, regionCode: '441302007' },
];

/** The posts of a city unit's five generated people, by their ranks (处级, 处级, 科级, 科级, 其他). */
export const cityPosts = ['副局长', '调研员', '科长', '副科长', '科员'];
/** The posts of a county office's four (科级, 科级, 科级, 其他). */
export const countyPosts = ['主任', '副主任', '股长', '科员'];

export type AccountSeed = {
  username: string;
  displayName: string;
  role: Role;
  assessmentUnitCode?: string;
  townCode?: string;
  unitName?: string;
  /** Team roles act as a person on the roster: the first of this rank in this unit. */
  person?: { unitName: string; rank: Rank };
};

/** Demo accounts, one or more per role; every one has the password DEMO_PASSWORD. */
export const demoAccounts: AccountSeed[] = [
  { username: 'admin', displayName: '市扶贫办管理员（演示）', role: 'office_admin' },
  { username: 'staff', displayName: '市扶贫办工作人员（演示）', role: 'office_staff' },
  { username: 'leader', displayName: '市领导（演示）', role: 'city_leader' },
  { username: 'lgroup', displayName: '领导小组成员（演示）', role: 'leading_group' },
  { username: 'orgdept', displayName: '市委组织部（演示）', role: 'org_dept' },
  { username: 'teamleader', displayName: '督查组组长（演示）', role: 'team_leader', person: { unitName: '惠州市财政局', rank: 'division' } },
  { username: 'teammember', displayName: '督查组成员（演示）', role: 'team_member', person: { unitName: '惠州市审计局', rank: 'section' } },
  { username: 'huidong', displayName: '惠东县联络员（演示）', role: 'county_user', assessmentUnitCode: 'HD' },
  { username: 'boluo', displayName: '博罗县联络员（演示）', role: 'county_user', assessmentUnitCode: 'BL' },
  { username: 'longmen', displayName: '龙门县联络员（演示）', role: 'county_user', assessmentUnitCode: 'LM' },
  { username: 'huicheng', displayName: '惠城区联络员（演示）', role: 'county_user', assessmentUnitCode: 'HC' },
  { username: 'huiyang', displayName: '惠阳区联络员（演示）', role: 'county_user', assessmentUnitCode: 'HY' },
  { username: 'dayawan', displayName: '大亚湾区联络员（演示）', role: 'county_user', assessmentUnitCode: 'DYW' },
  { username: 'zhongkai', displayName: '仲恺高新区联络员（演示）', role: 'county_user', assessmentUnitCode: 'ZK' },
  { username: 'gaotan', displayName: '惠东县高潭镇联络员（演示）', role: 'town_user', townCode: '441323118' },
  { username: 'assist', displayName: '惠州供电局帮扶联络员（演示）', role: 'assist_unit_user', unitName: '广东电网有限责任公司惠州供电局' },
  { username: 'thirdparty', displayName: '第三方评估机构（演示）', role: 'third_party' },
  { username: 'jiwei', displayName: '市纪委监委联络员（演示）', role: 'discipline' },
];

export const DEMO_PASSWORD = 'Demo@2017';

