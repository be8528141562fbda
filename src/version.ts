import { readFileSync } from 'node:fs';
import { projectFile } from './projectRoot.js';

/** The package version, read once from package.json so the CLI, API and OpenAPI agree. */
export const VERSION: string = (
  JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }
).version;
