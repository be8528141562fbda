/**
 * Zod pieces the route files share. The OpenAPI document is generated from these, so a
 * description here is what a client developer reads at /api/docs.
 *
 * Record content (a visit's outcome, a dose's product) is typed but not enumerated here: the
 * domain checks the values and answers in both languages with a precise code (`visit.outcome`,
 * `dose.product`), which a generic schema error cannot, and a sync batch must refuse such an
 * item alone instead of failing the whole batch on it.
 */
import { z } from 'zod';
import { CHANNELS, CONTRAINDICATION_CODES, HEALTH_CODES, VISIT_OUTCOMES } from '../domain/screening.js';
import { PRODUCT_CODES } from '../domain/vaccines/catalog.js';
import { MAX_PAGE } from '../store/residentListQueries.js';

// ---------------------------------------------------------------------------------------------
// Errors

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable dotted code, e.g. `resident.not-found`' }),
      message: z.string().meta({ description: 'The message in Chinese' }),
      messageEn: z.string().meta({ description: 'The message in English' }),
      field: z.string().optional(),
      row: z.number().int().optional(),
      file: z.string().optional(),
    }),
  })
  .meta({
    description:
      'A refusal: 400 invalid input, 401 not signed in, 403 not allowed (or no CSRF token), 404 (also: out of your places), 409 conflict, 422 refused by a rule, 429 sign-in locked',
  });

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

/**
 * The error body under each status a route can refuse with, plus 401 and 403 (every route but
 * the public ones needs a signed-in user with a permission) and 500 (which says nothing more).
 */
export function errorResponses<S extends ErrorStatus>(
  ...statuses: S[]
): Record<S | 401 | 403 | 500, typeof errorBody> {
  const out = { 401: errorBody, 403: errorBody, 500: errorBody } as Record<
    S | 401 | 403 | 500,
    typeof errorBody
  >;
  for (const s of statuses) out[s] = errorBody;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scalars

export const bilingual = z.object({ zh: z.string(), en: z.string() });

export const placeCode = z
  .string()
  .regex(/^\d{6}(\d{3}){0,3}$/, 'a 6-, 9-, 12- or 15-digit place code')
  .meta({
    description: 'County (6 digits), township (9), village (12) or grid (15)',
    examples: ['430321205'],
  });

export const gridCode = z
  .string()
  .regex(/^\d{15}$/, 'a 15-digit grid code')
  .meta({ examples: ['430321205206001'] });

/** `a,b,c`: one or more grid codes, comma-separated, as a query parameter. */
export const gridList = z
  .string()
  .regex(/^\d{15}(,\d{15})*$/, 'grid codes (15 digits), comma-separated')
  .transform((s) => s.split(','))
  .meta({ description: 'Grid codes, comma-separated', examples: ['430321205206001,430321205206002'] });

/** `a,b,c`: place codes (a village's or a grid's …), comma-separated, as a query parameter. */
export const placeList = z
  .string()
  .regex(/^\d{6}(\d{3}){0,3}(,\d{6}(\d{3}){0,3})*$/, 'place codes, comma-separated')
  .transform((s) => s.split(','))
  .meta({
    description: 'Grid or village codes, comma-separated',
    examples: ['430321205206001,430321205201'],
  });

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .meta({ description: 'A calendar day in Asia/Shanghai, YYYY-MM-DD', examples: ['2021-08-09'] });

export const instant = z
  .string()
  .meta({ description: 'An ISO-8601 instant with a zone', examples: ['2021-08-09T10:30:00+08:00'] });

export const recordId = z.uuid().meta({
  description:
    'Made by the client (a phone may make it offline), so that a retry stores the record once: the same id with the same content answers 200 `duplicate`, with other content 409',
});

export const idNumberInput = z
  .string()
  .min(1)
  .max(40)
  .meta({ description: 'Resident ID number (居民身份证号); full-width digits and spaces are normalized' });

export const maskedIdNumber = z.string().meta({
  description: 'The ID number, masked as 430321********123X unless `unmasked=true` was asked for',
});

export const maskedPhone = z.string().nullable().meta({
  description: 'Masked as 138****5678 unless `unmasked=true` was asked for',
});

/**
 * The largest whole number a 32-bit column holds (PostgreSQL's `integer`; SQLite's are 64-bit).
 * An id past it names nothing (the columns that refer to campaigns and residents are 32-bit),
 * and PostgreSQL fails the query on it (a 500) instead of finding nothing, so it is refused.
 */
export const INT32_MAX = 2_147_483_647;

export const campaignIdParam = z.coerce
  .number()
  .int()
  .positive()
  .max(INT32_MAX)
  .meta({ description: 'Campaign id' });

/** A resident's id in their county, as lists and worklists give it. */
export const residentIdInput = z.number().int().positive().max(INT32_MAX);

export const userName = z.string().trim().min(1).max(100);

/** `true`/`false` in a query string (z.coerce.boolean would read "false" as true). */
export const queryFlag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const unmaskedFlag = queryFlag.meta({
  description:
    'Show ID and phone numbers in full. Masked by default: lists end up on screens, printouts and screenshots. Needs the `pii.unmask` permission (403 `pii.forbidden` without it), and every such view is written to the audit log.',
});

/** Page size: the app's default when absent, at most MAX_PAGE (a township's open residents). */
export const limit = z.coerce.number().int().min(1).max(MAX_PAGE).optional();
export const offset = z.coerce.number().int().min(0).optional();

// ---------------------------------------------------------------------------------------------
// Records

const optionalText = z.string().nullish();

const oneOf = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

/** A screening visit (摸排记录) as the phone, the API and the CLI send it. */
export const visitInput = z.object({
  outcome: z.string().meta({ description: `One of ${oneOf(VISIT_OUTCOMES)}` }),
  at: instant,
  channel: z.string().meta({ description: `One of ${oneOf(CHANNELS)}` }),
  healthCode: optionalText.meta({ description: `One of ${oneOf(HEALTH_CODES)}` }),
  followUpDate: optionalText.meta({ description: 'When to come back (YYYY-MM-DD); defaulted by outcome' }),
  untilDate: optionalText.meta({
    description: 'away: expected back on; contraindicated-temporary: the first day they may be vaccinated',
  }),
  bookedDate: optionalText.meta({ description: 'booked: the day booked' }),
  site: optionalText.meta({ description: 'booked: the site' }),
  placeText: optionalText.meta({ description: 'away / vaccinated-elsewhere / moved-out: where' }),
  reason: optionalText.meta({
    description: 'refused, contraindicated-temporary: why; a note on any outcome',
  }),
  verified: z.boolean().nullish().meta({ description: 'vaccinated-elsewhere: proof was seen' }),
  product: optionalText.meta({ description: `vaccinated-elsewhere: one of ${oneOf(PRODUCT_CODES)}` }),
  contraindication: optionalText.meta({
    description: `contraindicated-*: the guideline group, one of ${oneOf(CONTRAINDICATION_CODES)}`,
  }),
});

/** A dose record (接种记录). */
export const doseInput = z.object({
  product: z.string().meta({ description: `One of ${oneOf(PRODUCT_CODES)}` }),
  doseNumber: z.number().int(),
  at: instant,
  lot: optionalText,
  site: optionalText,
  vaccinator: optionalText,
  source: z.enum(['given', 'verified-elsewhere', 'imported']).optional(),
  overrideReason: optionalText.meta({
    description:
      "A site doctor's reason to give a dose before its window opens; without it a too-early dose is refused (422)",
  }),
});

export const storedRecord = z.object({
  id: z.string(),
  result: z.enum(['stored', 'duplicate']),
});
