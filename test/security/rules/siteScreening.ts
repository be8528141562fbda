import type { MatrixArea } from '../matrixCase.js';

/** The scope matrix's rules for the siteScreening routes (issue 8). */
export const SITE_SCREENING: MatrixArea = {
  rules: {},
};
