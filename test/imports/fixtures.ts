import { projectFile } from '../../src/projectRoot.js';

/** A register file of test/fixtures/imports (see its README for how each was made). */
export const fixture = (name: string): string => projectFile('test', 'fixtures', 'imports', name);
