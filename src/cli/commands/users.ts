import type { Command } from 'commander';
import { createApiToken } from '../../app/auth/apiTokens.js';
import { createUser } from '../../app/users/createUser.js';
import { disableUser } from '../../app/users/disableUser.js';
import { listUsers } from '../../app/users/listUsers.js';
import { generatePassword } from '../../app/users/password.js';
import { setUserPlaces } from '../../app/users/setUserPlaces.js';
import { invalidInput } from '../../domain/errors.js';
import { ROLE_RIGHTS, ROLES } from '../../domain/roles.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { placeCode, text } from './flags.js';
import { renderTable } from './table.js';

/** `430321205,430321209`: one or more place codes. */
function placeCodes(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((code) => placeCode(code));
}

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // One line: the trailing newline of `echo … |` is not part of the password.
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') {
    throw invalidInput({
      code: 'user.password',
      field: 'password',
      message: { zh: '标准输入中没有密码', en: 'no password on standard input' },
    });
  }
  return password;
}

const ROLE_HELP = ROLES.map(
  (r) => `  ${r.padEnd(16)} ${ROLE_RIGHTS[r].label.zh} — ${ROLE_RIGHTS[r].does}`,
).join('\n');

interface AddFlags {
  db?: string;
  json?: boolean;
  username: string;
  role: string;
  place: string;
  displayName?: string;
  passwordStdin?: boolean;
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('用户 Accounts: who may sign in, with which role, on which places');

  withDbOption(users.command('add'))
    .description(
      `新增用户 Add a user with a role on one or more places (each with everything under it).\n` +
        `Without --password-stdin a password is generated and printed once.\nRoles:\n${ROLE_HELP}`,
    )
    .requiredOption('--username <name>', 'lower-case letters, digits, . _ - (what they type to sign in)')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--place <codes>', 'place codes, comma-separated: county, township, village or grid')
    .option('--display-name <name>', 'the name shown and written on ledgers (default: the username)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--json', 'print {"id","username","role","places","password"?} as one JSON object')
    .action(
      action(async (opts: AddFlags) => {
        const places = placeCodes(opts.place);
        const given = opts.passwordStdin ? await readPassword() : undefined;
        const password = given ?? generatePassword();
        const user = await withStore(opts, (store) =>
          createUser(
            store,
            {
              username: opts.username.trim(),
              role: opts.role.trim(),
              places,
              ...(opts.displayName === undefined
                ? {}
                : { displayName: text(opts.displayName, 'display-name') }),
              password,
            },
            cliActor(),
          ),
        );
        const shown = given === undefined ? { password } : {};
        if (opts.json) printJsonLine({ ...user, ...shown });
        else {
          process.stdout.write(
            `已创建用户 user created: ${user.username} (${user.role}) on ${user.places.join(', ')}\n`,
          );
          if (given === undefined) {
            process.stdout.write(`初始密码 password (shown once, only its hash is kept): ${password}\n`);
          }
        }
      }),
    );

  withDbOption(users.command('list'))
    .description('用户列表 List users with role, places and whether disabled (never a password)')
    .option(
      '--json',
      'one JSON object per user: {"id","username","displayName","role","places","disabled","createdAt"}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean }) => {
        const rows = await withStore(opts, (store) => listUsers(store));
        if (opts.json) {
          for (const u of rows) printJsonLine(u);
          return;
        }
        process.stdout.write(
          renderTable(
            ['用户名 username', '姓名 name', '角色 role', '区划 places', '状态 state'],
            rows.map((u) => [
              u.username,
              u.displayName,
              u.role,
              u.places.join(',') || '—',
              u.disabled ? '已停用 disabled' : '正常 active',
            ]),
          ),
        );
      }),
    );

  withDbOption(users.command('disable'))
    .description(
      '停用用户 Disable a user: sign-in refused, sessions ended, API tokens revoked (records kept)',
    )
    .requiredOption('--username <name>', 'who')
    .option('--json', 'print {"username","disabled","sessionsEnded","tokensRevoked"}')
    .action(
      action(async (opts: { db?: string; json?: boolean; username: string }) => {
        const r = await withStore(opts, (store) => disableUser(store, opts.username.trim(), cliActor()));
        if (opts.json) printJsonLine(r);
        else
          process.stdout.write(
            `已停用 disabled ${r.username}: ${r.sessionsEnded} session(s) ended, ${r.tokensRevoked} token(s) revoked\n`,
          );
      }),
    );

  withDbOption(users.command('places'))
    .description('调整区划 Replace the places a user is attached to')
    .requiredOption('--username <name>', 'who')
    .requiredOption('--place <codes>', 'place codes, comma-separated')
    .option('--json', 'print {"username","places"}')
    .action(
      action(async (opts: { db?: string; json?: boolean; username: string; place: string }) => {
        const places = placeCodes(opts.place);
        const r = await withStore(opts, (store) =>
          setUserPlaces(store, opts.username.trim(), places, cliActor()),
        );
        if (opts.json) printJsonLine(r);
        else process.stdout.write(`${r.username}: ${r.places.join(', ')}\n`);
      }),
    );

  withDbOption(users.command('token'))
    .description(
      'API 令牌 Make an API token for a user’s scripts (Authorization: Bearer …, no CSRF token needed).\n' +
        'Printed once; only its hash is kept. Disabling the user revokes it.',
    )
    .requiredOption('--username <name>', 'whose rights the token carries')
    .requiredOption('--name <name>', 'what it is for, e.g. "nightly export"')
    .option('--json', 'print {"username","name","token","createdAt"}')
    .action(
      action(async (opts: { db?: string; json?: boolean; username: string; name: string }) => {
        const t = await withStore(opts, (store) =>
          createApiToken(store, { username: opts.username.trim(), name: opts.name }, cliActor()),
        );
        if (opts.json) printJsonLine(t);
        else process.stdout.write(`${t.token}\n`);
      }),
    );
}
