import { givenNames, givenNamesBySex, surnames } from './registry.names.ts';
import { idCheckCharacter } from './registry.idnumber.ts';
import type { Attribute, Cause, HouseholdStatus } from './registry.format.ts';

// Realistic, deterministic demo data for the registry: households concentrated in 惠东/博罗/龙门,
// mean size about 2.3, causes weighted as in Guangdong's 2016 建档立卡 (illness ~35 %, disability
// ~20 %, lack of labour ~15 % …), incomes around the year's exit line, exits spread over the years.

export type AnomalyKind =
  | 'exits_bunched_before_cutoff'
  | 'income_just_above_line'
  | 'exit_without_guarantees'
  | 'edit_after_cutoff'
  | 'exit_then_return'
  | 'operator_volume';

export const anomalyKinds: readonly AnomalyKind[] = [
  'exits_bunched_before_cutoff',
  'income_just_above_line',
  'exit_without_guarantees',
  'edit_after_cutoff',
  'exit_then_return',
  'operator_volume',
];

/** Patterns that need the recording time or operator of a change, which the import file does not carry. */
export const directLoadOnlyAnomalies: readonly AnomalyKind[] = ['edit_after_cutoff', 'operator_volume'];

export type VillageChoice = { code: string; name: string; townName: string };

export type GeneratedMember = {
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'grandchild';
  ethnicity: string;
  education: string;
  schooling: string;
  health: 'healthy' | 'chronic' | 'serious' | 'disabled';
  labourAbility: 'normal' | 'weak' | 'none';
  migrantMonths: number;
  hasDibao: boolean;
  hasMedicalInsurance: boolean;
  hasPensionInsurance: boolean;
};

export type GeneratedChange = { from: HouseholdStatus | null; to: HouseholdStatus; effectiveOn: string; recordedAt: string; actorName: string };

export type GeneratedHousehold = {
  householdNo: string;
  villageCode: string;
  headName: string;
  attribute: Attribute;
  identifiedYear: number;
  status: HouseholdStatus;
  exitDate: string | null;
  statusDate: string | null;
  mainCause: Cause;
  otherCauses: Cause[];
  housingGrade: 'A' | 'B' | 'C' | 'D';
  hasSafeWater: boolean;
  hasElectricity: boolean;
  hasSanitaryToilet: boolean;
  foodClothingSecure: boolean;
  educationSecured: boolean;
  medicalSecured: boolean;
  housingSecured: boolean;
  assistancePerson: string;
  assistanceUnit: string;
  phone: string | null;
  income: { year: number; wage: number; production: number; property: number; transfer: number; costs: number; perCapita: number };
  members: GeneratedMember[];
  history: GeneratedChange[];
  planted: AnomalyKind | null;
};

export type GeneratorOptions = {
  households: number;
  seed: number;
  /** The data year: the registry as of 31 December of this year. */
  year: number;
  withAnomalies: boolean;
  /** Leave out the patterns the import file cannot carry (when writing a file rather than loading). */
  isForFile: boolean;
  villages: VillageChoice[];
  exitLineOf: (year: number) => number;
};

/** A small, fast PRNG (mulberry32); the same seed gives the same households. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (low: number, high: number) => low + next() * (high - low),
    integer: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability: number) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
  };
}
type Random = ReturnType<typeof createRandom>;

const causeWeights = [
  ['illness', 35],
  ['disability', 20],
  ['lack_of_labour', 15],
  ['lack_of_skills', 10],
  ['lack_of_funds', 8],
  ['education', 6],
  ['disaster', 3],
  ['other', 3],
] as const satisfies readonly (readonly [Cause, number])[];
const sizeWeights = [
  [1, 33],
  [2, 30],
  [3, 18],
  [4, 12],
  [5, 5],
  [6, 2],
] as const;
const countyWeights: Record<string, number> = { '441323': 40, '441322': 30, '441324': 25 };

function isoDate(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, dayOfYear)).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Village weights: rural village committees far more than urban communities, and the three poverty-task counties most. */
export function villageSampler(villages: VillageChoice[], random: Random): () => VillageChoice {
  const weights = villages.map((village) => {
    const countyWeight = countyWeights[village.code.slice(0, 6)] ?? 1.5;
    return countyWeight * (village.name.endsWith('村民委员会') ? 1 : 0.05);
  });
  const cumulative: number[] = [];
  weights.reduce((sum, weight, index) => (cumulative[index] = sum + weight), 0);
  const total = cumulative[cumulative.length - 1]!;
  return () => {
    const roll = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < roll) low = middle + 1;
      else high = middle;
    }
    return villages[low]!;
  };
}

/** Yields the households one at a time, so that a million of them never sit in memory together. */
export function* generateHouseholds(options: GeneratorOptions): Generator<GeneratedHousehold> {
  const random = createRandom(options.seed);
  const sampleVillage = villageSampler(options.villages, random);
  const villageCounters = new Map<string, number>();
  const idSequences = new Map<string, number>();
  const cutoff = `${options.year}-12-31`;
  const planted = plantingPlan(options, random);
  const volumeOperator = `${random.pick(surnames)}${random.pick(givenNames)}（乡镇信息员）`;
  const volumeDay = isoDate(options.year, random.integer(200, 300));

  for (let index = 0; index < options.households; index += 1) {
    const village = planted.bunchedVillages.length > 0 && planted.kinds[index] === 'exits_bunched_before_cutoff' ? random.pick(planted.bunchedVillages) : sampleVillage();
    const sequence = (villageCounters.get(village.code) ?? 0) + 1;
    villageCounters.set(village.code, sequence);
    const householdNo = `${village.code}${String(sequence).padStart(5, '0')}`;
    const kind = planted.kinds[index] ?? null;
    yield buildHousehold({ random, options, village, householdNo, kind, cutoff, idSequences, volumeOperator, volumeDay });
  }
}

/** Decides up front which households carry which planted pattern (about 1.5 % each, disjoint). */
function plantingPlan(options: GeneratorOptions, random: Random) {
  const kinds: (AnomalyKind | undefined)[] = [];
  const bunchedVillages: VillageChoice[] = [];
  if (!options.withAnomalies) return { kinds, bunchedVillages };
  const active = anomalyKinds.filter((kind) => !(options.isForFile && directLoadOnlyAnomalies.includes(kind)));
  for (let index = 0; index < options.households; index += 1) {
    if (random.chance(0.015 * active.length)) kinds[index] = random.pick(active);
  }
  const ruralVillages = options.villages.filter((village) => village.name.endsWith('村民委员会') && countyWeights[village.code.slice(0, 6)]);
  for (let count = 0; count < Math.max(3, Math.round(options.households / 2000)); count += 1) bunchedVillages.push(random.pick(ruralVillages));
  return { kinds, bunchedVillages };
}

type BuildInput = {
  random: Random;
  options: GeneratorOptions;
  village: VillageChoice;
  householdNo: string;
  kind: AnomalyKind | null;
  cutoff: string;
  idSequences: Map<string, number>;
  volumeOperator: string;
  volumeDay: string;
};

function buildHousehold(input: BuildInput): GeneratedHousehold {
  const { random, options, village, kind } = input;
  const year = options.year;
  const identifiedYear = year >= 2017 && random.chance(0.15) ? 2017 : 2016;
  const mainCause = random.weighted(causeWeights);
  const size = random.weighted(sizeWeights);
  const operator = `${village.townName}扶贫工作站`;

  // Exit year: spread over the years since identification; later years less likely by the data year.
  // Every planted pattern concerns an exit in the data year.
  let exitYear: number | null = null;
  if (kind) exitYear = year;
  else {
    const roll = random.next();
    const candidate = roll < 0.4 ? 2016 : roll < 0.72 ? 2017 : roll < 0.88 ? 2018 : roll < 0.96 ? 2019 : 2020;
    exitYear = candidate >= identifiedYear && candidate <= year ? candidate : null;
  }

  let exitDate: string | null = null;
  if (exitYear !== null) {
    exitDate = isoDate(exitYear, random.integer(32, 365));
    if (kind === 'exits_bunched_before_cutoff') exitDate = isoDate(year, random.integer(352, 365));
    if (kind === 'edit_after_cutoff') exitDate = isoDate(year, random.integer(335, 365));
    if (kind === 'operator_volume') exitDate = input.volumeDay;
    if (kind === 'exit_then_return') exitDate = isoDate(year, random.integer(32, 150));
  }

  let status: HouseholdStatus = exitDate ? 'exited' : 'not_exited';
  let statusDate: string | null = null;
  if (kind === 'exit_then_return' && exitDate) {
    status = 'returned';
    statusDate = addDays(exitDate, random.integer(30, 180));
  } else if (!kind && exitDate && exitDate <= `${year - 1}-11-30` && random.chance(0.01)) {
    // Genuine 返贫: well over a year after the exit.
    const returnDate = addDays(exitDate, random.integer(400, 700));
    if (returnDate <= input.cutoff) {
      status = 'returned';
      statusDate = returnDate;
    }
  } else if (!kind && random.chance(0.004)) {
    status = 'removed';
    statusDate = isoDate(Math.max(identifiedYear, year - 1), random.integer(60, 330));
    exitDate = null;
  }

  const line = options.exitLineOf(year);
  let perCapita: number;
  if (status === 'exited') perCapita = line * (kind === 'income_just_above_line' ? random.between(1.0, 1.025) : 1.06 + random.next() ** 1.6 * 1.4);
  else perCapita = line * random.between(0.45, 0.97);
  perCapita = Math.round(perCapita * 100) / 100;

  const isExited = status === 'exited';
  const guarantees = { food: true, education: true, medical: true, housing: true };
  if (!isExited) {
    guarantees.food = random.chance(0.9);
    guarantees.education = random.chance(0.85);
    guarantees.medical = random.chance(0.8);
    guarantees.housing = random.chance(0.7);
  }
  if (kind === 'exit_without_guarantees') {
    const broken = random.pick(['food', 'education', 'medical', 'housing'] as const);
    guarantees[broken] = false;
  }

  const members = buildMembers(random, size, mainCause, village.code.slice(0, 6), input.idSequences, year);
  const total = perCapita * size;
  const costs = Math.round(total * random.between(0.03, 0.12) * 100) / 100;
  const wage = Math.round(total * random.between(0.35, 0.65) * 100) / 100;
  const property = Math.round(total * random.between(0, 0.04) * 100) / 100;
  const transfer = Math.round(total * random.between(0.1, 0.3) * 100) / 100;
  const production = Math.round((total - wage - property - transfer + costs) * 100) / 100;
  const reconciledPerCapita = Math.round(((wage + production + property + transfer - costs) / size) * 100) / 100;

  const history: GeneratedChange[] = [
    { from: null, to: 'not_exited', effectiveOn: `${identifiedYear}-01-01`, recordedAt: `${identifiedYear}-01-${String(random.integer(2, 28)).padStart(2, '0')}`, actorName: operator },
  ];
  if (exitDate) {
    let recordedAt = addDays(exitDate, random.integer(0, 7));
    let actorName = operator;
    if (kind === 'edit_after_cutoff') recordedAt = addDays(input.cutoff, random.integer(20, 58));
    if (kind === 'operator_volume') {
      recordedAt = input.volumeDay;
      actorName = input.volumeOperator;
    }
    history.push({ from: 'not_exited', to: 'exited', effectiveOn: exitDate, recordedAt, actorName });
  }
  if (statusDate) {
    history.push({ from: exitDate ? 'exited' : 'not_exited', to: status, effectiveOn: statusDate, recordedAt: addDays(statusDate, random.integer(0, 7)), actorName: operator });
  }

  const head = members[0]!;
  return {
    householdNo: input.householdNo,
    villageCode: village.code,
    headName: head.name,
    attribute: random.weighted([
      ['general', 60],
      ['dibao', 32],
      ['tekun', 8],
    ] as const),
    identifiedYear,
    status,
    exitDate,
    statusDate,
    mainCause,
    otherCauses: random.chance(0.4) ? [random.weighted(causeWeights)].filter((cause) => cause !== mainCause) : [],
    housingGrade: guarantees.housing ? random.pick(['A', 'B'] as const) : random.pick(['C', 'D'] as const),
    hasSafeWater: isExited || random.chance(0.85),
    hasElectricity: true,
    hasSanitaryToilet: isExited || random.chance(0.7),
    foodClothingSecure: guarantees.food,
    educationSecured: guarantees.education,
    medicalSecured: guarantees.medical,
    housingSecured: guarantees.housing,
    assistancePerson: `${random.pick(surnames)}${random.pick(givenNames)}`,
    assistanceUnit: random.pick(['惠州市财政局', '惠州市教育局', '惠州市农业局', '惠州供电局', '惠州市民政局', '惠州学院']),
    phone: random.chance(0.6) ? `1${random.pick(['3', '5', '8'])}${String(random.integer(0, 999_999_999)).padStart(9, '0')}` : null,
    income: { year, wage, production, property, transfer, costs, perCapita: reconciledPerCapita },
    members,
    history,
    planted: kind,
  };
}

function buildMembers(random: Random, size: number, cause: Cause, countyCode: string, idSequences: Map<string, number>, year: number): GeneratedMember[] {
  const headAge = random.integer(32, 82);
  const headSex = random.chance(0.78) ? 'male' : 'female';
  const specs: { relation: GeneratedMember['relation']; age: number; sex: 'male' | 'female' }[] = [{ relation: 'head', age: headAge, sex: headSex }];
  for (let index = 1; index < size; index += 1) {
    if (index === 1 && headAge < 75) specs.push({ relation: 'spouse', age: Math.max(20, headAge + random.integer(-6, 4)), sex: headSex === 'male' ? 'female' : 'male' });
    else if (headAge > 60 && random.chance(0.3)) specs.push({ relation: 'grandchild', age: random.integer(1, 17), sex: random.chance(0.52) ? 'male' : 'female' });
    else if (headAge < 50 && random.chance(0.2)) specs.push({ relation: 'parent', age: Math.min(95, headAge + random.integer(22, 32)), sex: random.chance(0.5) ? 'male' : 'female' });
    else specs.push({ relation: 'child', age: Math.max(0, Math.min(headAge - 20, random.integer(1, 35))), sex: random.chance(0.52) ? 'male' : 'female' });
  }
  const sickIndex = cause === 'illness' || cause === 'disability' ? random.integer(0, specs.length - 1) : -1;
  return specs.map((spec, index) => {
    const birthYear = year - spec.age;
    const birthDate = isoDate(birthYear, random.integer(1, 365));
    const health: GeneratedMember['health'] =
      index === sickIndex ? (cause === 'disability' ? 'disabled' : random.chance(0.4) ? 'serious' : 'chronic') : random.weighted([
        ['healthy', 82],
        ['chronic', 12],
        ['serious', 3],
        ['disabled', 3],
      ] as const);
    const isWorkingAge = spec.age >= 16 && spec.age <= 60;
    const labourAbility: GeneratedMember['labourAbility'] = !isWorkingAge ? 'none' : health === 'healthy' ? 'normal' : health === 'chronic' ? 'weak' : 'none';
    const schoolAge = spec.age >= 6 && spec.age <= 18;
    const surname = spec.relation === 'spouse' || spec.relation === 'parent' ? random.pick(surnames) : '';
    return {
      name: `${surname || random.pick(surnames)}${random.pick(givenNamesBySex[spec.sex])}`,
      idNumber: nextIdNumber(countyCode, birthDate, spec.sex, idSequences),
      sex: spec.sex,
      birthDate,
      relation: spec.relation,
      ethnicity: random.chance(0.985) ? '汉族' : '畲族',
      education: spec.age < 6 ? '学龄前儿童' : schoolAge ? '在校生' : random.pick(['文盲或半文盲', '小学', '初中', '初中', '高中']),
      schooling: !schoolAge ? '非在校生' : spec.age <= 12 ? '小学' : spec.age <= 15 ? '七年级至九年级' : '高中或中职',
      health,
      labourAbility,
      migrantMonths: labourAbility === 'normal' ? random.integer(0, 12) : 0,
      hasDibao: random.chance(0.3),
      hasMedicalInsurance: random.chance(0.98),
      hasPensionInsurance: spec.age >= 16 && random.chance(0.9),
    };
  });
}

/** A valid 身份证号, unique by construction: a counter per county, birth date and sex picks the sequence digits. */
function nextIdNumber(countyCode: string, birthDate: string, sex: 'male' | 'female', sequences: Map<string, number>): string {
  const key = `${countyCode}${birthDate}${sex}`;
  const used = sequences.get(key) ?? 0;
  sequences.set(key, used + 1);
  const sequence = used * 2 + (sex === 'male' ? 1 : 0);
  if (sequence > 999) throw new Error(`too many people born on ${birthDate} in ${countyCode}`);
  const first17 = `${countyCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}
