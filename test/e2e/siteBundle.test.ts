import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageWeight } from '../../bench/pageWeight.js';
import { projectFile } from '../../src/projectRoot.js';

/**
 * The site pages' weight on the registration desk's tablet: their chunk and what it imports
 * statically, beside the shell every page loads. Like the field pages they carry no component
 * library and no charts (issue 6: "keep the field pages light"); read from the build (dist/web),
 * so it measures what the tablet downloads.
 */
const WEB = projectFile('dist', 'web');
const BUDGET = 250 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe('the site pages’ JavaScript', () => {
  it('is small, and carries no component library or charts', () => {
    const weight = pageWeight(WEB, 'SiteApp');
    const gz = (file: string) => weight.files.find((f) => f.file === file)?.gzip ?? 0;
    const ownGzip = weight.own.reduce((n, f) => n + gz(f), 0);
    console.log(
      [
        `site chunk ${weight.chunk}: ${kb(gz(weight.chunk))} gz`,
        `site pages with what they import beyond the shell: ${kb(ownGzip)} gz in ${weight.own.length} file(s): ${weight.own.join(', ')}`,
        `site pages with the shell: ${kb(weight.totalGzip)} gz in ${weight.files.length} files`,
      ].join('\n'),
    );
    expect(gz(weight.chunk)).toBeLessThan(40 * 1024);
    expect(weight.totalGzip).toBeLessThan(BUDGET);
    for (const { file } of weight.files) {
      const text = readFileSync(join(WEB, 'assets', file), 'utf8');
      expect(file).not.toMatch(/^(CommandApp|TrendChart)-/);
      expect(text, `${file} carries ECharts`).not.toMatch(/echarts/i);
      expect(text, `${file} carries antd`).not.toMatch(/ant-btn|antd/);
    }
  });
});
