import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PersonalDataCipher } from '../../kernel/personal-data.ts';
import { maskName } from '../../kernel/privacy.ts';
import { maskNamesAfterRoleWords, maskNumbersInText, maskWords } from '../../kernel/redaction.ts';

/**
 * Who made a complaint, as far as dukao knows it: the name the complainant gave, the phone number and the
 * other contact (an address, a WeChat id…). 督4 and SPEC §7: it is the city office's alone.
 */
export type ComplainantIdentity = { names: string[]; phones: string[]; contacts: string[] };

export const NO_IDENTITY: ComplainantIdentity = { names: [], phones: [], contacts: [] };

/** Words after which a complainant names themself (举报人张三, 本人李四). */
const COMPLAINANT_WORDS = ['举报人', '反映人', '投诉人', '来电人', '来信人', '署名', '本人', '我叫', '我是'];
// How a complainant is addressed by surname in an answer (张先生：您好).
const ADDRESS_TERMS = '先生|女士|小姐|同志|老师|阿姨|大爷|大妈|大叔|大姐|伯|叔|婶';

// Two-character surnames, so that 欧阳明远's given name is 明远 and 欧阳先生 is masked.
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '长孙', '宇文', '轩辕', '端木', '澹台', '司徒', '申屠', '呼延', '万俟']);

function surnameOf(name: string): string {
  const characters = [...name];
  const two = characters.slice(0, 2).join('');
  return characters.length >= 3 && COMPOUND_SURNAMES.has(two) ? two : (characters[0] ?? '');
}

function givenNameOf(name: string): string {
  return [...name].slice([...surnameOf(name)].length).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The one function text passes through before it leaves the city office for anyone else (a county, town,
 * assistance unit, team, third party, discipline body — and the public): the complainant's contact, full
 * name, given name (when it has two characters or more) and surname-with-title (张先生) are masked, a name
 * written after 举报人/本人/我叫… too, and every 身份证号 and phone number however it is written
 * (139.1234.5678, full-width digits). Idempotent.
 */
export function scrubComplainantIdentity(text: string, identity: ComplainantIdentity): string {
  let result = maskWords(text, identity.contacts, () => '***');
  result = maskWords(result, identity.names, maskName);
  result = maskWords(
    result,
    identity.names.map(givenNameOf).filter((given) => [...given].length >= 2),
    (given) => '*'.repeat([...given].length),
  );
  const surnames = [...new Set(identity.names.map(surnameOf).filter((surname) => surname !== ''))];
  if (surnames.length > 0) {
    result = result.replace(new RegExp(`(${surnames.map(escapeRegExp).join('|')})(${ADDRESS_TERMS})`, 'gu'), (_match, _surname, term: string) => `*${term}`);
  }
  return maskNumbersInText(maskNamesAfterRoleWords(result, COMPLAINANT_WORDS));
}

/** Every string inside a value (records, arrays, audit before/after) passed through `scrubComplainantIdentity`. */
export function scrubComplainantIdentityDeep<T>(value: T, identity: ComplainantIdentity): T {
  if (typeof value === 'string') return scrubComplainantIdentity(value, identity) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubComplainantIdentityDeep(item, identity)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubComplainantIdentityDeep(item, identity)])) as T;
  }
  return value;
}

/** Which parts of the identity a text gives away — for warning the office user while they type. */
export function identityPartsIn(text: string, identity: ComplainantIdentity): ('name' | 'phone' | 'contact' | 'number')[] {
  const found: ('name' | 'phone' | 'contact' | 'number')[] = [];
  const digits = text.replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 48)).replace(/\D/g, '');
  if (identity.names.some((name) => text.includes(name) || ([...givenNameOf(name)].length >= 2 && text.includes(givenNameOf(name))))) found.push('name');
  if (identity.phones.some((phone) => digits.includes(phone))) found.push('phone');
  if (identity.contacts.some((contact) => text.includes(contact))) found.push('contact');
  if (!found.includes('phone') && maskNumbersInText(text) !== text) found.push('number');
  return found;
}

type IdentityRow = { complainant_name: string | null; complainant_phone_cipher: string | null; complainant_contact: string | null };

/** The identity recorded on a complaint row (an anonymous complaint has none). */
export function identityOfComplaint(row: IdentityRow, personalData: Pick<PersonalDataCipher, 'decrypt'>): ComplainantIdentity {
  return {
    names: row.complainant_name ? [row.complainant_name] : [],
    phones: row.complainant_phone_cipher ? [personalData.decrypt(row.complainant_phone_cipher)] : [],
    contacts: row.complainant_contact ? [row.complainant_contact] : [],
  };
}

function merge(identities: ComplainantIdentity[]): ComplainantIdentity {
  return {
    names: identities.flatMap((identity) => identity.names),
    phones: identities.flatMap((identity) => identity.phones),
    contacts: identities.flatMap((identity) => identity.contacts),
  };
}

/**
 * The identities of the complaints behind records: a complaint itself, a problem of the ledger made from or
 * linked to a complaint, a referral of such a problem. Keyed `entityType:entityId` as the audit log names them;
 * a record behind an anonymous complaint is there too, with an empty identity — its text is still scrubbed.
 */
export async function complainantIdentitiesOf(
  db: Kysely<DB> | Transaction<DB>,
  personalData: Pick<PersonalDataCipher, 'decrypt'>,
  records: { entityType: string; entityId: string }[],
): Promise<Map<string, ComplainantIdentity>> {
  const ids = (type: string) => [...new Set(records.filter((record) => record.entityType === type && /^\d+$/.test(record.entityId)).map((record) => Number(record.entityId)))];
  const complaintIds = ids('complaint');
  const problemIds = ids('problem');
  const transferIds = ids('transfer');
  if (complaintIds.length + problemIds.length + transferIds.length === 0) return new Map();
  const rows = await sql<IdentityRow & { key: string }>`
    SELECT 'complaint:' || c.id AS key, c.complainant_name, c.complainant_phone_cipher, c.complainant_contact
    FROM complaints c WHERE c.id = ANY(${complaintIds}::int[])
    UNION ALL
    SELECT 'problem:' || pr.id, c.complainant_name, c.complainant_phone_cipher, c.complainant_contact
    FROM problems pr JOIN complaints c ON c.problem_id = pr.id OR (pr.source = 'complaint' AND c.id = pr.source_id)
    WHERE pr.id = ANY(${problemIds}::int[])
    UNION ALL
    SELECT 'transfer:' || t.id, c.complainant_name, c.complainant_phone_cipher, c.complainant_contact
    FROM transfers t JOIN problems pr ON pr.id = t.problem_id JOIN complaints c ON c.problem_id = pr.id OR (pr.source = 'complaint' AND c.id = pr.source_id)
    WHERE t.id = ANY(${transferIds}::int[])`.execute(db);
  const byKey = new Map<string, ComplainantIdentity[]>();
  for (const row of rows.rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), identityOfComplaint(row, personalData)]);
  return new Map([...byKey].map(([key, identities]) => [key, merge(identities)]));
}
