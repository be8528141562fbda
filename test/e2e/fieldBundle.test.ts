import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageWeight } from '../../bench/pageWeight.js';
import { projectFile } from '../../src/projectRoot.js';

/**
 * The field pages' weight on a grid member's phone (issue 6: under 250 KB of JavaScript,
 * gzipped): the shell that every page loads plus the field chunk and its static imports, read
 * from the build (dist/web), so it measures exactly what the phone downloads.
 */
const WEB = projectFile('dist', 'web');
const BUDGET = 250 * 1024;

describe('the field pages’ JavaScript', () => {
  it('is under 250 KB gzipped with the shell, and carries no component library or charts', () => {
    const weight = pageWeight(WEB, 'FieldApp');
    console.log(
      [
        `field pages JS: ${(weight.totalGzip / 1024).toFixed(1)} KB gzipped in ${weight.files.length} files`,
        ...[...weight.files]
          .sort((a, b) => b.gzip - a.gzip)
          .map((s) => `  ${s.file}: ${(s.raw / 1024).toFixed(1)} KB, ${(s.gzip / 1024).toFixed(1)} KB gz`),
      ].join('\n'),
    );
    expect(weight.totalGzip).toBeLessThan(BUDGET);
    for (const { file } of weight.files) {
      const text = readFileSync(join(WEB, 'assets', file), 'utf8');
      expect(file).not.toMatch(/^(CommandApp|TrendChart)-/);
      expect(text, `${file} carries ECharts`).not.toMatch(/echarts/i);
      expect(text, `${file} carries antd`).not.toMatch(/ant-btn|antd/);
    }
  });
});
