/** The wire shapes of teams, answerable cadres and sectors (issue 8), shared by their route files. */
import { z } from 'zod';
import { CADRE_LEVELS } from '../../domain/answerability.js';
import { STATUSES } from '../../domain/campaignStatus.js';
import { PUBLIC_ROLES, SECTORS } from '../../domain/sectors.js';
import { LEAD_ROLES, MAX_QUOTA, TEAM_KINDS } from '../../domain/teams.js';
import { bilingual, calendarDate, maskedIdNumber, maskedPhone, placeCode } from '../schemas.js';

const oneOf = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

export const teamIdParam = z.coerce.number().int().positive().meta({ description: 'Team id' });

export const villageCode = z
  .string()
  .regex(/^\d{12}$/, 'a 12-digit village code')
  .meta({ examples: ['430321205206'] });

export const teamMemberInput = z.object({
  name: z.string().min(1).max(40),
  title: z
    .string()
    .min(1)
    .max(60)
    .meta({ description: '职务', examples: ['乡党委副书记'] }),
  phone: z.string().max(30).nullish(),
  userId: z.number().int().positive().nullish().meta({ description: 'The member’s gridvax account' }),
  lead: z
    .string()
    .nullish()
    .meta({
      description: `${oneOf(LEAD_ROLES)}: an attack team's leads are \`dispatcher\` (村部调度) and \`site-commander\` (卫生院现场指挥); other teams' is \`leader\` (队长)`,
    }),
});

export const teamMember = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  title: z.string(),
  userId: z.number().int().nullable(),
  lead: z.enum(LEAD_ROLES).nullable(),
  leadLabel: bilingual.nullable(),
  addedAt: z.string(),
});

export const team = z.object({
  id: z.number().int(),
  kind: z.enum(TEAM_KINDS),
  kindLabel: bilingual,
  place: z.string().meta({ description: 'The township (or county) the team belongs to' }),
  placeName: z.string(),
  name: z.string(),
  quota: z.number().int().nullable().meta({ description: 'Doses a day expected in its villages' }),
  members: z.array(teamMember),
  villages: z.array(z.object({ code: z.string(), name: z.string(), sentAt: z.string() })),
  missingLeads: z
    .array(z.enum(LEAD_ROLES))
    .meta({ description: 'Leads it must name before it can be sent (an attack team: both)' }),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});

export const teamSummary = z.object({
  id: z.number().int(),
  kind: z.enum(TEAM_KINDS),
  kindLabel: bilingual,
  place: z.string(),
  name: z.string(),
  quota: z.number().int().nullable(),
  members: z.number().int(),
  villages: z.array(z.string()),
  missingLeads: z.array(z.enum(LEAD_ROLES)),
});

export const teamInput = z.object({
  kind: z.string().meta({ description: `One of ${oneOf(TEAM_KINDS)}` }),
  place: placeCode.meta({ description: 'The township (9 digits) or county (6) forming it' }),
  name: z
    .string()
    .min(1)
    .max(60)
    .meta({ examples: ['锦石乡清零攻坚第一队'] }),
  quota: z
    .number()
    .int()
    .nullish()
    .meta({ description: `Doses a day, 1 to ${MAX_QUOTA}` }),
  members: z.array(teamMemberInput).max(200).optional(),
  villages: z.array(villageCode).max(500).optional(),
});

export const ledgerEntry = z.object({
  residentId: z.number().int(),
  county: z.string(),
  idNumber: maskedIdNumber,
  name: z.string(),
  sex: z.enum(['M', 'F']),
  age: z.number().int(),
  gridCode: z.string(),
  householdId: z.string().nullable(),
  phone: maskedPhone,
  status: z.enum(STATUSES),
  reason: z.string().nullable(),
  reasonLabel: bilingual.nullable(),
  followUpDate: z.string().nullable(),
  followUpDue: z.boolean(),
  untilDate: z.string().nullable(),
  bookedDate: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
});

export const teamWorklist = z.object({
  teamId: z.number().int(),
  villages: z.array(z.string()),
  partial: z
    .boolean()
    .meta({ description: 'Some of the team’s villages are outside your places and left out' }),
  total: z.number().int(),
  byReason: z.record(z.string(), z.number().int()),
  entries: z.array(ledgerEntry),
});

export const teamProgress = z.object({
  teamId: z.number().int(),
  campaignId: z.number().int(),
  quota: z.number().int().nullable(),
  from: calendarDate,
  to: calendarDate,
  villages: z.array(z.string()),
  partial: z.boolean(),
  days: z.array(
    z.object({
      date: calendarDate,
      done: z.number().int(),
      quota: z.number().int().nullable(),
      met: z.boolean().nullable(),
      short: z.number().int().nullable(),
    }),
  ),
  total: z.object({ done: z.number().int(), days: z.number().int(), daysMet: z.number().int().nullable() }),
});

export const cadreInput = z.object({
  name: z
    .string()
    .min(1)
    .max(40)
    .meta({ examples: ['王建国'] }),
  title: z
    .string()
    .min(1)
    .max(60)
    .meta({ examples: ['县卫健局副局长'] }),
  phone: z.string().max(30).nullish(),
  cadreLevel: z
    .string()
    .nullish()
    .meta({ description: `${oneOf(CADRE_LEVELS)}; must pair with the unit (县包乡、乡包村组) when given` }),
});

export const answerableUnit = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  answeredBy: z.enum(CADRE_LEVELS).nullable(),
  cadre: z
    .object({
      name: z.string(),
      title: z.string(),
      phone: z.string().nullable(),
      cadreLevel: z.enum(CADRE_LEVELS),
      assignedAt: z.string(),
      assignedBy: z.string(),
      display: z.string().meta({ examples: ['王建国（县卫健局副局长）'] }),
    })
    .nullable(),
});

const sectorFigures = {
  residents: z.number().int(),
  eligible: z.number().int(),
  done: z.number().int(),
  exempt: z.number().int(),
  deferred: z.number().int(),
  open: z.number().int().meta({ description: 'Open, including deferrals that have ended' }),
  unscreened: z.number().int(),
  completion: z.number().nullable().meta({ description: 'done ÷ eligible' }),
};

export const sectorProgress = z.object({
  campaignId: z.number().int(),
  place: z.string(),
  placeName: z.string(),
  sectors: z.array(
    z.object({ sector: z.enum(SECTORS), label: bilingual, regulator: bilingual, ...sectorFigures }),
  ),
  total: z.object(sectorFigures),
});

export const sectorLedger = z.object({
  place: z.string(),
  sector: z.enum(SECTORS),
  total: z.number().int(),
  entries: z.array(ledgerEntry.extend({ employer: z.string().nullable(), sector: z.string().nullable() })),
});

export const employmentInput = z.object({
  employer: z.string().max(100).nullish(),
  sector: z
    .string()
    .nullish()
    .meta({ description: `One of ${oneOf(SECTORS)}, or null` }),
  publicRole: z
    .string()
    .nullish()
    .meta({ description: `One of ${oneOf(PUBLIC_ROLES)}, or null` }),
});

export const employment = z.object({
  employer: z.string().nullable(),
  sector: z.enum(SECTORS).nullable(),
  publicRole: z.enum(PUBLIC_ROLES).nullable(),
});
