import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../src/projectRoot.js';

/**
 * The site pages' weight on the registration desk's tablet: their chunk and what it imports
 * statically, beside the shell every page loads. Like the field pages they carry no component
 * library and no charts (issue 6: "keep the field pages light"); read from the build (dist/web),
 * so it measures what the tablet downloads.
 */
const WEB = projectFile('dist', 'web');
const BUDGET = 250 * 1024;

/** Static imports of a built chunk (`import{…}from"./x.js"`, `import"./x.js"`, `export{…}from`), not `import()`. */
const STATIC_IMPORT =
  /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g;

function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(WEB, 'assets', file), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) visit((m[1] as string).slice(2));
  };
  visit(entry);
  return seen;
}

const gz = (file: string) => gzipSync(readFileSync(join(WEB, 'assets', file))).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe('the site pages’ JavaScript', () => {
  it('is small, and carries no component library or charts', () => {
    if (!existsSync(join(WEB, 'index.html')))
      throw new Error(`${WEB} is missing: run \`npm run build\` first`);
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1] as string;
    const assets = readdirSync(join(WEB, 'assets'));
    const site = assets.find((f) => /^SiteApp-[\w-]+\.js$/.test(f)) as string;
    expect(entry).toBeTruthy();
    expect(site).toBeTruthy();
    const shell = staticGraph(entry);
    const own = [...staticGraph(site)].filter((f) => !shell.has(f));
    const all = [
      ...new Set([
        ...shell,
        ...own,
        ...assets.filter((f) => f.startsWith('workbox-window') && f.endsWith('.js')),
      ]),
    ];
    const total = all.reduce((n, f) => n + gz(f), 0);
    console.log(
      [
        `site chunk ${site}: ${kb(readFileSync(join(WEB, 'assets', site)).length)}, ${kb(gz(site))} gz`,
        `site pages with what they import beyond the shell: ${kb(own.reduce((n, f) => n + gz(f), 0))} gz in ${own.length} file(s): ${own.join(', ')}`,
        `site pages with the shell: ${kb(total)} gz in ${all.length} files`,
      ].join('\n'),
    );
    expect(gz(site)).toBeLessThan(40 * 1024);
    expect(total).toBeLessThan(BUDGET);
    for (const f of [...shell, ...own]) {
      const text = readFileSync(join(WEB, 'assets', f), 'utf8');
      expect(f).not.toMatch(/^(CommandApp|TrendChart)-/);
      expect(text, `${f} carries ECharts`).not.toMatch(/echarts/i);
      expect(text, `${f} carries antd`).not.toMatch(/ant-btn|antd/);
    }
  });
});
