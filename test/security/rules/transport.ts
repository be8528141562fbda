import type { MatrixArea } from '../matrixCase.js';

/** The scope matrix's rules for the transport routes (issue 8). */
export const TRANSPORT: MatrixArea = {
  rules: {},
};
