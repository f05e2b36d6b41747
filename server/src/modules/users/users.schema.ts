import { z } from 'zod';
import { roles } from '../../kernel/access.ts';

/** The rule of `users.username` (the table's CHECK), in one place for the API and the command line. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{2,40}$/;
export const USERNAME_RULE = '用户名须为 2–40 位小写字母、数字或 _ . -';

export const userIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

const username = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, USERNAME_RULE);
const displayName = z.string().trim().min(1, '显示名称不能为空').max(50, '显示名称不能超过 50 个字');
const role = z.enum(roles, { message: `角色无效，须为以下之一：${roles.join('、')}` });

// One field per kind of scope, as the pickers give them; which one a role needs is users.policy's scopeRules.
const scope = {
  assessmentUnitCode: z.string().trim().min(1, '考核单位不能为空').max(40).nullish(),
  townCode: z.string().trim().regex(/^[0-9]{9}$/, '须为 9 位镇（街道）区划代码').nullish(),
  unitId: z.number().int().positive('须为正整数').max(2147483647).nullish(),
  personId: z.number().int().positive('须为正整数').max(2147483647).nullish(),
};

export const createUserBody = z.object({ username, displayName: displayName.optional(), role, ...scope }).strict();
export type CreateUserBody = z.infer<typeof createUserBody>;

export const changeRoleBody = z.object({ role, ...scope }).strict();
export type ChangeRoleBody = z.infer<typeof changeRoleBody>;

export const userListQuery = z.object({
  q: z.string().trim().max(50, '搜索词不能超过 50 个字').optional(),
  role: role.optional(),
  /** `city` (no scope), or `assessment_unit:HD`, `town:441323118`, `unit:12`, `person:34`. */
  scope: z
    .string()
    .trim()
    .regex(/^(city|assessment_unit:[A-Za-z0-9_-]{1,40}|town:[0-9]{9}|unit:[0-9]{1,10}|person:[0-9]{1,10})$/, '须为 city、assessment_unit:代码、town:代码、unit:编号 或 person:编号')
    .optional(),
  isActive: z.enum(['true', 'false'], { message: '须为 true 或 false' }).transform((value) => value === 'true').optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type UserListQuery = z.infer<typeof userListQuery>;
