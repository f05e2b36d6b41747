import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../db/schema.ts';
import type { Actor } from './access.ts';

/**
 * What a role may see of a person (R-R6) — the one masking policy every read path, export and document
 * applies, and every search honours. The parts shown must never combine into a part withheld: a masked
 * 身份证号 keeps its first six and last four characters, so the birth date (characters 7–14) is never shown
 * beside it, only the birth year.
 */
export type PersonalDataAccess = {
  /** 'masked': 441322********0014; 'none': not shown at all. */
  idNumber: 'masked' | 'none';
  /** 'masked': 138****5678; 'none': not shown at all. */
  phone: 'masked' | 'none';
  /** Only ever the year: with the masked 身份证号 the full date would rebuild it. */
  birth: 'year';
  /** 'full' or 'surname' (张** — the minimum that still lets a third party find the household it samples). */
  name: 'full' | 'surname';
  /** A full 身份证号 may be matched by its lookup hash: only for roles that may reveal it, and audited. */
  mayLookUpFullIdNumber: boolean;
};

const everyday: PersonalDataAccess = { idNumber: 'masked', phone: 'masked', birth: 'year', name: 'full', mayLookUpFullIdNumber: false };

/** Per role (SPEC §1): the office administrator may reveal a 身份证号 (audited); third-party evaluators get the minimum (考7(3)). */
export const personalDataPolicy: Record<Role, PersonalDataAccess> = {
  office_admin: { ...everyday, mayLookUpFullIdNumber: true },
  office_staff: everyday,
  city_leader: everyday,
  leading_group: everyday,
  org_dept: everyday,
  team_leader: everyday,
  team_member: everyday,
  county_user: everyday,
  town_user: everyday,
  assist_unit_user: everyday,
  discipline: everyday,
  third_party: { idNumber: 'none', phone: 'none', birth: 'year', name: 'surname', mayLookUpFullIdNumber: false },
};

export function personalDataAccessOf(actor: Pick<Actor, 'role'>): PersonalDataAccess {
  return personalDataPolicy[actor.role];
}

/** 张三丰 → 张**: the surname stays, every further character (by code point) becomes *. */
export function maskName(name: string): string {
  const characters = [...name];
  return characters.length <= 1 ? '*' : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
}

/** 441322199001011234 → 441322********1234. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length < 10 ? '*'.repeat(idNumber.length) : `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** A person's fields as the policy lets this viewer see them; the inputs are already masked where they are stored masked. */
export function presentPerson(
  access: PersonalDataAccess,
  person: { name: string; idMasked?: string | null; phoneMasked?: string | null; birthDate?: string | null },
) {
  return {
    name: access.name === 'full' ? person.name : maskName(person.name),
    idNumber: access.idNumber === 'masked' ? (person.idMasked ?? null) : null,
    phone: access.phone === 'masked' ? (person.phoneMasked ?? null) : null,
    birthYear: person.birthDate ? Number(person.birthDate.slice(0, 4)) : null,
  };
}

/** A name as shown to this viewer. */
export function showName(access: PersonalDataAccess, name: string): string {
  return access.name === 'full' ? name : maskName(name);
}

/** The SQL form of a name column as this viewer sees it, so that a search matches only what is shown. */
export function shownNameSql(access: PersonalDataAccess, column: string): RawBuilder<string> {
  const ref = sql.ref(column);
  return access.name === 'full'
    ? sql<string>`${ref}`
    : sql<string>`(CASE WHEN char_length(${ref}) <= 1 THEN '*' ELSE left(${ref}, 1) || repeat('*', char_length(${ref}) - 1) END)`;
}

/** The SQL form of a masked 身份证号 column as this viewer sees it ('' when the viewer sees none). */
export function shownIdNumberSql(access: PersonalDataAccess, maskedColumn: string): RawBuilder<string> {
  return access.idNumber === 'masked' ? sql<string>`${sql.ref(maskedColumn)}` : sql<string>`''`;
}
