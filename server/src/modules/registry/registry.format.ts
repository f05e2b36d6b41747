// The import/export layout: one row per household member, household fields repeated on each
// row, in the order of the national 建档立卡 household form. Codes are shown as their Chinese labels.

export const attributeLabels = { general: '一般贫困户', dibao: '低保贫困户', tekun: '特困供养贫困户' } as const;
export const statusLabels = { not_exited: '未脱贫', exited: '已脱贫', returned: '返贫', removed: '清退' } as const;
export const causeLabels = {
  illness: '因病',
  disability: '因残',
  lack_of_labour: '缺劳力',
  lack_of_skills: '缺技术',
  lack_of_funds: '缺资金',
  education: '因学',
  disaster: '因灾',
  other: '其他',
} as const;
export const sexLabels = { male: '男', female: '女' } as const;
export const relationLabels = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', grandchild: '孙子女', sibling: '兄弟姐妹', other: '其他' } as const;
export const healthLabels = { healthy: '健康', chronic: '长期慢性病', serious: '患有大病', disabled: '残疾' } as const;
export const labourLabels = { normal: '普通劳动力', weak: '弱劳动力或半劳动力', none: '无劳动力' } as const;

export type Attribute = keyof typeof attributeLabels;
export type HouseholdStatus = keyof typeof statusLabels;
export type Cause = keyof typeof causeLabels;

type ColumnKind = 'text' | 'code' | 'year' | 'date' | 'money' | 'boolean' | 'months' | 'causes' | 'idNumber' | 'phone' | 'grade';

export type RegistryColumn = {
  key: string;
  label: string;
  kind: ColumnKind;
  isRequired: boolean;
  codes?: Record<string, string>;
};

const column = (key: string, label: string, kind: ColumnKind, isRequired = true, codes?: Record<string, string>): RegistryColumn => ({
  key,
  label,
  kind,
  isRequired,
  ...(codes ? { codes } : {}),
});

export const registryColumns = [
  column('household_no', '户编号', 'text'),
  column('village_code', '行政村代码', 'text'),
  column('head_name', '户主姓名', 'text'),
  column('attribute', '贫困户属性', 'code', true, attributeLabels),
  column('identification_standard', '识别标准', 'text'),
  column('identified_year', '识别年度', 'year'),
  column('status', '脱贫状态', 'code', true, statusLabels),
  column('exit_date', '脱贫日期', 'date', false),
  column('status_date', '状态变更日期', 'date', false),
  column('main_cause', '主要致贫原因', 'code', true, causeLabels),
  column('other_causes', '其他致贫原因', 'causes', false),
  column('housing_grade', '住房安全等级', 'grade', false),
  column('has_safe_water', '饮水安全', 'boolean'),
  column('has_electricity', '通生活用电', 'boolean'),
  column('has_sanitary_toilet', '卫生厕所', 'boolean'),
  column('food_clothing_secure', '不愁吃不愁穿', 'boolean'),
  column('education_secured', '义务教育有保障', 'boolean'),
  column('medical_secured', '基本医疗有保障', 'boolean'),
  column('housing_secured', '住房安全有保障', 'boolean'),
  column('assistance_person', '帮扶责任人', 'text', false),
  column('assistance_unit', '帮扶单位', 'text', false),
  column('phone', '联系电话', 'phone', false),
  column('income_year', '收入年度', 'year'),
  column('wage_income', '工资性收入', 'money'),
  column('production_income', '生产经营性收入', 'money'),
  column('property_income', '财产性收入', 'money'),
  column('transfer_income', '转移性收入', 'money'),
  column('production_costs', '生产经营性支出', 'money'),
  column('per_capita_income', '家庭年人均纯收入', 'money'),
  column('member_name', '成员姓名', 'text'),
  column('id_number', '身份证号', 'idNumber'),
  column('sex', '性别', 'code', true, sexLabels),
  column('relation', '与户主关系', 'code', true, relationLabels),
  column('ethnicity', '民族', 'text'),
  column('education', '文化程度', 'text'),
  column('schooling', '在校生状况', 'text'),
  column('health', '健康状况', 'code', true, healthLabels),
  column('labour_ability', '劳动能力', 'code', true, labourLabels),
  column('migrant_months', '务工时间（月）', 'months'),
  column('has_dibao', '享受低保', 'boolean'),
  column('has_medical_insurance', '参加基本医疗保险', 'boolean'),
  column('has_pension_insurance', '参加基本养老保险', 'boolean'),
] as const satisfies readonly RegistryColumn[];

export type ColumnKey = (typeof registryColumns)[number]['key'];

/**
 * Columns of digits that a spreadsheet program turns into numbers unless the column is text: a number keeps
 * 15 significant digits, so an 18-digit 身份证号 or a 17-digit 户编号 loses its last digits, and a CSV saved
 * back shows it in scientific notation. The template and the XLSX export format these columns as text (@).
 */
export const digitColumns: ReadonlySet<ColumnKey> = new Set<ColumnKey>(['household_no', 'village_code', 'phone', 'id_number']);

export const headerLabels: string[] = registryColumns.map((entry) => entry.label);

/** Quotes a cell for CSV only when it has to. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
