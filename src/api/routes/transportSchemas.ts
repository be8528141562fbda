/**
 * The zod shapes of the transport routes (上门接送): what the web app's driver page and the grid
 * member's "book transport" form read and send. They become the OpenAPI document.
 */
import { z } from 'zod';
import { TRANSPORT_STATUSES } from '../../domain/transportStatus.js';
import { bilingual, maskedIdNumber, maskedPhone } from '../schemas.js';

export const windowText = z
  .string()
  .min(1)
  .max(40)
  .meta({
    description: 'Pick-up window, Asia/Shanghai: `08:00-10:00` (an en dash or 至 also reads)',
    examples: ['08:00-10:00'],
  });

export const timeWindow = z.object({ from: z.string(), to: z.string() });

export const transportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .meta({ description: 'The day of the ride, YYYY-MM-DD (Asia/Shanghai)', examples: ['2021-08-10'] });

export const transportPlace = z
  .string()
  .regex(/^\d{9}(\d{3}){0,2}$/, 'a 9-, 12- or 15-digit place code')
  .meta({
    description: 'Township (9 digits) or village (12); a grid (15) where noted',
    examples: ['430321205'],
  });

export const idParam = z.coerce.number().int().positive();

export const driverView = z.object({
  id: z.number().int(),
  township: z.string(),
  place: z.string(),
  name: z.string(),
  phone: z.string().meta({ description: "The driver's work phone, in full (the duty roster)" }),
  username: z.string().nullable(),
  active: z.boolean(),
});

export const vehicleView = z.object({
  id: z.number().int(),
  township: z.string(),
  place: z.string(),
  plate: z.string(),
  seats: z.number().int().meta({ description: "Seats for riders, the driver's not counted" }),
  accessible: z.boolean().meta({ description: 'Takes a wheelchair' }),
  active: z.boolean(),
});

export const rideView = z.object({
  id: z.number().int(),
  county: z.string(),
  residentId: z.number().int(),
  idNumber: maskedIdNumber,
  name: z.string(),
  sex: z.enum(['M', 'F']),
  age: z.number().int(),
  phone: maskedPhone,
  gridCode: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  day: z.string(),
  window: timeWindow,
  windowText: z.string(),
  site: z.object({ id: z.number().int(), name: z.string() }),
  pickUp: z.string(),
  wheelchair: z.boolean(),
  companion: z.boolean(),
  seats: z.number().int(),
  note: z.string().nullable(),
  status: z.enum(TRANSPORT_STATUSES),
  statusLabel: bilingual,
  reason: z
    .string()
    .nullable()
    .meta({ description: 'Why it was cancelled, or why the resident went home without a dose' }),
  tripId: z.number().int().nullable(),
  campaignId: z.number().int().nullable(),
  requestedBy: z.string(),
  createdAt: z.string(),
  pickedUpAt: z.string().nullable(),
  vaccinatedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  doseRecorded: z.boolean().nullable().meta({
    description: 'Once marked vaccinated: whether a dose record exists for the resident that day',
  }),
  mismatch: z
    .boolean()
    .meta({ description: 'Marked vaccinated, but no dose recorded that day: check with the site' }),
});

export const tripView = z.object({
  id: z.number().int(),
  day: z.string(),
  window: timeWindow,
  windowText: z.string(),
  township: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  site: z.object({ id: z.number().int(), name: z.string(), address: z.string() }),
  vehicle: z.object({
    id: z.number().int(),
    plate: z.string(),
    seats: z.number().int(),
    accessible: z.boolean(),
  }),
  driver: z.object({ id: z.number().int(), name: z.string(), phone: z.string() }).nullable(),
  seats: z.number().int(),
  seatsUsed: z.number().int(),
  seatsLeft: z.number().int(),
  origin: z.enum(['plan', 'manual']),
  progress: z.enum(['waiting', 'under-way', 'done']),
  riders: z.array(rideView),
  otherRiders: z
    .number()
    .int()
    .meta({ description: 'Riders outside your places: their seats count, their names are not shown' }),
});

export const suggestionView = z.object({
  county: z.string(),
  residentId: z.number().int(),
  idNumber: maskedIdNumber,
  name: z.string(),
  sex: z.enum(['M', 'F']),
  age: z.number().int(),
  gridCode: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  bookedDate: z.string(),
  why: z.array(z.enum(['limited-mobility', 'remote'])),
  pickUp: z.string().nullable(),
  site: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  window: timeWindow.nullable(),
  windowText: z.string().nullable(),
});

const itemError = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  field: z.string().optional(),
});

export const acceptResult = z.object({
  county: z.string(),
  residentId: z.number().int(),
  result: z.enum(['created', 'refused']),
  ride: rideView.optional(),
  error: itemError.optional(),
});

const byStatus = <T extends z.ZodType>(item: T) =>
  z.object(
    Object.fromEntries(TRANSPORT_STATUSES.map((s) => [s, item])) as Record<
      (typeof TRANSPORT_STATUSES)[number],
      T
    >,
  );

export const boardView = z.object({
  place: z.string(),
  placeName: z.string(),
  day: z.string(),
  counts: byStatus(z.number().int()),
  byStatus: byStatus(z.array(rideView)),
  stillOut: z.number().int().meta({ description: 'Picked up or vaccinated, not yet home' }),
  mismatches: z.number().int().meta({ description: 'Marked vaccinated with no dose recorded that day' }),
  trips: z.array(tripView),
});

export const myTripsView = z.object({
  day: z.string(),
  driver: z
    .object({ id: z.number().int(), name: z.string(), phone: z.string(), township: z.string() })
    .nullable()
    .meta({ description: 'The driver linked to your account; null (and no trips) when none is' }),
  trips: z.array(tripView),
});

export const dayPlanView = z.object({
  place: z.string(),
  day: z.string(),
  explanation: z.array(bilingual).meta({ description: 'How the trips were made, step by step' }),
  assigned: z.number().int(),
  trips: z.array(tripView),
  unplanned: z.array(z.object({ ride: rideView, code: z.string(), message: bilingual })),
});
