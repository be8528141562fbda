import type { AdministratorNews } from '../../app/users/ensureAdministrator.js';

/** What `init` and `serve` say about the administrator: its password once, or where it now sees. */
export function describeAdministrator(news: AdministratorNews): string {
  const lines: string[] = [];
  if (news.created) {
    const { username, password, places } = news.created;
    lines.push(
      `已创建管理员 administrator created: ${username} (commander)`,
      `  密码 password: ${password}`,
      '  只显示这一次，请妥善保存 — shown this once: only its hash is kept.',
      places.length
        ? `  区划 places: ${places.join(', ')}`
        : '  尚无区划：导入区划后，下次 init 或 serve 时自动关联到各县 — no places yet: after `gridvax places import`, the next init or serve attaches it to the counties.',
    );
  }
  if (news.attached) {
    lines.push(
      `管理员已关联到 administrator ${news.attached.username} now sees: ${news.attached.places.join(', ')}`,
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
