import type { MatrixArea } from '../matrixCase.js';
import { TEAMS } from './teams.js';
import { SITES } from './sites.js';
import { TRANSPORT } from './transport.js';
import { SITE_SCREENING } from './siteScreening.js';
import { DISPATCH } from './dispatch.js';

/** Field operations' areas of the scope matrix, one file each so they are added independently. */
export const FIELD_OPS_AREAS: readonly MatrixArea[] = [TEAMS, SITES, TRANSPORT, SITE_SCREENING, DISPATCH];
