import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../src/projectRoot.js';

/**
 * The field pages' weight on a grid member's phone (issue 6: under 250 KB of JavaScript,
 * gzipped): the shell that every page loads (the built index.html's entry and its static
 * imports, and the service worker's registration) plus the field chunk and its static imports.
 * Read from the build (dist/web), so it measures exactly what the phone downloads.
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

describe('the field pages’ JavaScript', () => {
  it('is under 250 KB gzipped with the shell, and carries no component library or charts', () => {
    if (!existsSync(join(WEB, 'index.html')))
      throw new Error(`${WEB} is missing: run \`npm run build\` first`);
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    const assets = readdirSync(join(WEB, 'assets'));
    const field = assets.find((f) => /^FieldApp-[\w-]+\.js$/.test(f));
    expect(entry).toBeTruthy();
    expect(field).toBeTruthy();
    const files = new Set([
      ...staticGraph(entry as string),
      ...staticGraph(field as string),
      // registerSW loads workbox-window on every page.
      ...assets.filter((f) => f.startsWith('workbox-window') && f.endsWith('.js')),
    ]);
    const sizes = [...files].map((f) => {
      const code = readFileSync(join(WEB, 'assets', f));
      return { file: f, raw: code.length, gzip: gzipSync(code).length, text: code.toString('utf8') };
    });
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    console.log(
      [
        `field pages JS: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} files`,
        ...sizes
          .sort((a, b) => b.gzip - a.gzip)
          .map((s) => `  ${s.file}: ${(s.raw / 1024).toFixed(1)} KB, ${(s.gzip / 1024).toFixed(1)} KB gz`),
      ].join('\n'),
    );
    expect(total).toBeLessThan(BUDGET);
    for (const s of sizes) {
      expect(s.file).not.toMatch(/^(CommandApp|TrendChart)-/);
      expect(s.text, `${s.file} carries ECharts`).not.toMatch(/echarts/i);
      expect(s.text, `${s.file} carries antd`).not.toMatch(/ant-btn|antd/);
    }
  });
});
