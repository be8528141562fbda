import type { MatrixArea } from '../matrixCase.js';

/** The scope matrix's rules for the dispatch routes (issue 8). */
export const DISPATCH: MatrixArea = {
  rules: {},
};
