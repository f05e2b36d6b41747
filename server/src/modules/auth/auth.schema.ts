import { z } from 'zod';

export const loginBody = z
  .object({
    username: z.string().trim().min(1, '请输入用户名').max(40, '用户名不能超过 40 个字符'),
    password: z.string().min(1, '请输入密码').max(128, '密码不能超过 128 个字符'),
  })
  .strict();

export const passwordChangeBody = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(128),
    newPassword: z.string().min(1, '请输入新密码').max(128, '新密码不能超过 128 个字符'),
  })
  .strict();
