import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a phone downloads to open one area of the web app, read from the build (dist/web): the
 * shell every page loads (index.html's entry and its static imports, and workbox-window, which
 * registering the service worker loads) plus the area's chunk and its static imports. Dynamic
 * `import()`s are left out: they load later, when needed. Used by the bundle tests and by the
 * benchmark table.
 */
export interface PageWeight {
  entry: string;
  chunk: string;
  /** Files of the shell. */
  shell: string[];
  /** Files the area's chunk imports beyond the shell (the chunk included). */
  own: string[];
  files: { file: string; raw: number; gzip: number }[];
  /** Gzipped bytes of shell and own together. */
  totalGzip: number;
}

/** Static imports of a built chunk (`import{…}from"./x.js"`, `import"./x.js"`, `export{…}from`), not `import()`. */
const STATIC_IMPORT =
  /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g;

export function pageWeight(webDir: string, chunkPrefix: string): PageWeight {
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`${webDir} is missing: run \`npm run build\` first`);
  }
  const assets = join(webDir, 'assets');
  const staticGraph = (entry: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(assets, file), 'utf8');
      for (const m of code.matchAll(STATIC_IMPORT)) visit((m[1] as string).slice(2));
    };
    visit(entry);
    return seen;
  };
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  const names = readdirSync(assets);
  const chunk = names.find((f) => f.startsWith(`${chunkPrefix}-`) && f.endsWith('.js'));
  if (!entry || !chunk) throw new Error(`${webDir}: no entry script or no ${chunkPrefix} chunk`);
  const shell = new Set([
    ...staticGraph(entry),
    ...names.filter((f) => f.startsWith('workbox-window') && f.endsWith('.js')),
  ]);
  const own = [...staticGraph(chunk)].filter((f) => !shell.has(f));
  const files = [...shell, ...own].map((file) => {
    const code = readFileSync(join(assets, file));
    return { file, raw: code.length, gzip: gzipSync(code).length };
  });
  return {
    entry,
    chunk,
    shell: [...shell],
    own,
    files,
    totalGzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}
