import type { MatrixArea } from '../matrixCase.js';

/** The scope matrix's rules for the sites routes (issue 8). */
export const SITES: MatrixArea = {
  rules: {},
};
