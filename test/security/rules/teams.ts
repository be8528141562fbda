import type { MatrixArea } from '../matrixCase.js';

/** The scope matrix's rules for the teams routes (issue 8). */
export const TEAMS: MatrixArea = {
  rules: {},
};
