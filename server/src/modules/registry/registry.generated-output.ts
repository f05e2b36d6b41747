import type { RawSession } from '../../db/database.ts';
import type { PersonalDataCipher } from '../../kernel/personal-data.ts';
import { maskIdNumber, maskPhone } from '../../kernel/privacy.ts';
import {
  attributeLabels,
  causeLabels,
  healthLabels,
  labourLabels,
  relationLabels,
  sexLabels,
  statusLabels,
} from './registry.format.ts';
import { copyLine } from './registry.copy.ts';
import type { GeneratedHousehold } from './registry.generate.ts';

const yesNo = (flag: boolean) => (flag ? '是' : '否');
const money = (amount: number) => amount.toFixed(2);

/** A generated household as rows of the import layout (one per member). */
export function householdRecords(household: GeneratedHousehold): string[][] {
  const shared = [
    household.householdNo,
    household.villageCode,
    household.headName,
    attributeLabels[household.attribute],
    '省定相对贫困标准',
    String(household.identifiedYear),
    statusLabels[household.status],
    household.exitDate ?? '',
    household.statusDate ?? '',
    causeLabels[household.mainCause],
    household.otherCauses.map((cause) => causeLabels[cause]).join('、'),
    household.housingGrade,
    yesNo(household.hasSafeWater),
    yesNo(household.hasElectricity),
    yesNo(household.hasSanitaryToilet),
    yesNo(household.foodClothingSecure),
    yesNo(household.educationSecured),
    yesNo(household.medicalSecured),
    yesNo(household.housingSecured),
    household.assistancePerson,
    household.assistanceUnit,
    household.phone ?? '',
    String(household.income.year),
    money(household.income.wage),
    money(household.income.production),
    money(household.income.property),
    money(household.income.transfer),
    money(household.income.costs),
    money(household.income.perCapita),
  ];
  return household.members.map((member) => [
    ...shared,
    member.name,
    member.idNumber,
    sexLabels[member.sex],
    relationLabels[member.relation],
    member.ethnicity,
    member.education,
    member.schooling,
    healthLabels[member.health],
    labourLabels[member.labourAbility],
    String(member.migrantMonths),
    yesNo(member.hasDibao),
    yesNo(member.hasMedicalInsurance),
    yesNo(member.hasPensionInsurance),
  ]);
}



/**
 * Loads generated households straight into the registry tables (inside the caller's transaction),
 * keeping what the import file cannot carry: who recorded each status change, and when.
 */
export async function loadGeneratedHouseholds(
  session: RawSession,
  cipher: PersonalDataCipher,
  households: Iterable<GeneratedHousehold>,
  onProgress?: (count: number) => void,
): Promise<{ households: number; members: number }> {
  const [start] = await session.query<{ next_id: string }>("SELECT nextval('households_id_seq') AS next_id");
  let nextId = Number(start!.next_id);
  const batch: GeneratedHousehold[] = [];
  let householdCount = 0;
  let memberCount = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const firstId = nextId;
    await session.copyIn(
      'households',
      ['id', 'household_no', 'village_code', 'town_code', 'county_code', 'head_name', 'attribute', 'identification_standard', 'identified_year', 'status', 'exit_year', 'exit_date', 'main_cause', 'other_causes', 'housing_grade', 'has_safe_water', 'has_electricity', 'has_sanitary_toilet', 'food_clothing_secure', 'education_secured', 'medical_secured', 'housing_secured', 'assistance_person', 'assistance_unit', 'phone_cipher', 'phone_masked', 'member_count', 'updated_by'],
      (async function* () {
        for (const [offset, h] of batch.entries()) {
          yield copyLine([firstId + offset, h.householdNo, h.villageCode, h.villageCode.slice(0, 9), h.villageCode.slice(0, 6), h.headName, h.attribute, '省定相对贫困标准', h.identifiedYear, h.status, h.exitDate ? Number(h.exitDate.slice(0, 4)) : null, h.exitDate, h.mainCause, h.otherCauses, h.housingGrade, h.hasSafeWater, h.hasElectricity, h.hasSanitaryToilet, h.foodClothingSecure, h.educationSecured, h.medicalSecured, h.housingSecured, h.assistancePerson, h.assistanceUnit, h.phone ? cipher.encrypt(h.phone) : null, h.phone ? maskPhone(h.phone) : null, h.members.length, '数据生成器']);
        }
      })(),
    );
    await session.copyIn(
      'household_members',
      ['household_id', 'name', 'id_cipher', 'id_hash', 'id_masked', 'sex', 'birth_date', 'relation', 'ethnicity', 'education', 'schooling', 'health', 'labour_ability', 'migrant_months', 'has_dibao', 'has_medical_insurance', 'has_pension_insurance'],
      (async function* () {
        for (const [offset, h] of batch.entries()) {
          for (const m of h.members) {
            yield copyLine([firstId + offset, m.name, cipher.encrypt(m.idNumber), cipher.lookupHash(m.idNumber), maskIdNumber(m.idNumber), m.sex, m.birthDate, m.relation, m.ethnicity, m.education, m.schooling, m.health, m.labourAbility, m.migrantMonths, m.hasDibao, m.hasMedicalInsurance, m.hasPensionInsurance]);
          }
        }
      })(),
    );
    await session.copyIn(
      'household_incomes',
      ['household_id', 'year', 'wage_income', 'production_income', 'property_income', 'transfer_income', 'production_costs', 'per_capita_income'],
      (async function* () {
        for (const [offset, h] of batch.entries()) {
          yield copyLine([firstId + offset, h.income.year, h.income.wage, h.income.production, h.income.property, h.income.transfer, h.income.costs, h.income.perCapita]);
          // The year before, 4–16 % lower, so that income growth (考5) can be computed; derived, not drawn, to keep the seed's sequence.
          const shrink = 1 + (4 + ((firstId + offset) % 13)) / 100;
          const previous = (amount: number) => Math.round((amount / shrink) * 100) / 100;
          yield copyLine([firstId + offset, h.income.year - 1, previous(h.income.wage), previous(h.income.production), previous(h.income.property), previous(h.income.transfer), previous(h.income.costs), previous(h.income.perCapita)]);
        }
      })(),
    );
    await session.copyIn(
      'household_status_changes',
      ['household_id', 'from_status', 'to_status', 'effective_on', 'recorded_at', 'actor_name', 'note'],
      (async function* () {
        for (const [offset, h] of batch.entries()) {
          for (const change of h.history) yield copyLine([firstId + offset, change.from, change.to, change.effectiveOn, `${change.recordedAt} 10:00:00+08`, change.actorName, '']);
        }
      })(),
    );
    householdCount += batch.length;
    memberCount += batch.reduce((sum, h) => sum + h.members.length, 0);
    nextId += batch.length;
    batch.length = 0;
    onProgress?.(householdCount);
  };
  for (const household of households) {
    batch.push(household);
    if (batch.length >= 5000) await flush();
  }
  await flush();
  await session.query("SELECT setval('households_id_seq', $1)", [nextId]);
  return { households: householdCount, members: memberCount };
}
