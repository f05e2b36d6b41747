import type { Config } from '../../config.ts';
import { roleLabels } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { scopeRules } from './users.policy.ts';
import { createAccount, parseRole, resetPasswordByUsername, type InputNaming } from './users.service.ts';

type Options = Record<string, string | undefined>;
type WithDatabase = (config: Config, work: (ctx: AppContext) => Promise<number>) => Promise<number>;
type Command = (config: Config, positionals: string[], options: Options) => Promise<number>;

const CLI_ACTOR = { id: null, name: '命令行' };

// On the command line every scope is given as --scope; the role says what it names.
const cliNaming: InputNaming = (field) => {
  const options: Record<string, string> = { username: '--username', displayName: '--display-name', role: '--role' };
  return `选项 ${options[field] ?? '--scope'} `;
};

function printOneTimePassword(password: string): void {
  console.log(`一次性密码：${password}`);
  console.log('该密码只显示这一次，请当面或通过安全渠道交给本人；首次登录后须立即修改密码。');
}

/** The `dukao users create` and `users reset-password` commands; `users unlock` stays in cli.ts. */
export function userCommands(withDatabase: WithDatabase, requireOption: (options: Options, name: string) => string): Record<string, Command> {
  return {
    'users create': (config, _positionals, options) =>
      withDatabase(config, async (ctx) => {
        const username = requireOption(options, 'username');
        const role = parseRole(requireOption(options, 'role'), cliNaming);
        const created = await createAccount(ctx, CLI_ACTOR, { username, displayName: options['display-name'], role, scope: options.scope }, cliNaming);
        const scopeName = created.scopeName ?? (scopeRules[role].field === 'personId' ? '未关联名册人员' : '全市');
        const firstNote = created.isFirstAccount ? '——这是本系统的第一个账户' : '';
        console.log(`已创建用户「${created.username}」：${created.displayName}，${roleLabels[role]}，范围：${scopeName}${firstNote}。`);
        printOneTimePassword(created.oneTimePassword);
        return 0;
      }),
    'users reset-password': (config, positionals) =>
      withDatabase(config, async (ctx) => {
        const username = positionals[0];
        if (!username) throw new AppError('VALIDATION_FAILED', '请给出要重置密码的用户名：npx dukao users reset-password <用户名>');
        const reset = await resetPasswordByUsername(ctx, CLI_ACTOR, username);
        console.log(`已重置「${reset.username}」的密码，并结束了其全部登录会话。`);
        printOneTimePassword(reset.oneTimePassword);
        return 0;
      }),
  };
}
