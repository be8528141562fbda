/**
 * The tables of migration 0007_transport, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Transport for residents who need a ride (上门接送): drivers, vehicles, requests, trips.
 */
import type { Generated } from 'kysely';

export interface TransportDriversTable {
  id: Generated<number>;
  county_code: string;
  /** The township whose trips the driver drives (9 digits). */
  township_code: string;
  /** Where the driver is based: the township, or a village under it. */
  place_code: string;
  name: string;
  phone: string;
  /** The gridvax account (role `driver`) that signs in as this driver. */
  user_id: number | null;
  active: number;
  created_at: string;
}

export interface TransportVehiclesTable {
  id: Generated<number>;
  county_code: string;
  township_code: string;
  place_code: string;
  /** Number plate, e.g. 湘C·A1234. */
  plate: string;
  /** Seats for riders, the driver's not counted. */
  seats: number;
  /** Takes a wheelchair. */
  accessible: number;
  active: number;
  created_at: string;
}

export interface TransportTripsTable {
  id: Generated<number>;
  county_code: string;
  township_code: string;
  /** The village it was made for: who may see and fill it. */
  village_code: string;
  day: string;
  /** `HH:MM` Asia/Shanghai. */
  window_from: string;
  window_to: string;
  site_id: number;
  vehicle_id: number;
  driver_id: number | null;
  /** The vehicle's seats when the trip was made. */
  seats: number;
  /** Seats its riders take (a companion takes one more); never above `seats`. */
  seats_used: number;
  /** `plan` (made by planTrips) or `manual`. */
  origin: 'plan' | 'manual';
  created_at: string;
  created_by: string;
}

export interface TransportRequestsTable {
  id: Generated<number>;
  county_code: string;
  resident_id: number;
  /** The resident's grid when the request was made: its scope. */
  grid_code: string;
  campaign_id: number | null;
  day: string;
  window_from: string;
  window_to: string;
  site_id: number;
  /** Where to fetch the resident (the household address unless another was given). */
  pick_up: string;
  wheelchair: number;
  companion: number;
  note: string | null;
  status: 'requested' | 'assigned' | 'picked-up' | 'vaccinated' | 'returned' | 'cancelled';
  trip_id: number | null;
  requested_by: string;
  requested_by_user: number | null;
  created_at: string;
  updated_at: string;
  picked_up_at: string | null;
  vaccinated_at: string | null;
  returned_at: string | null;
  cancelled_at: string | null;
  /** Why it was cancelled, or why the resident went home without a dose. */
  status_reason: string | null;
}

/** Every move of a request, appended: who marked what, when, and why. */
export interface TransportRequestMovesTable {
  id: Generated<number>;
  request_id: number;
  /** When it happened (a driver may record a pick-up later, offline). */
  at: string;
  from_status: string | null;
  to_status: string;
  by_name: string;
  by_user: number | null;
  trip_id: number | null;
  reason: string | null;
  recorded_at: string;
}

export interface TransportTables {
  transport_drivers: TransportDriversTable;
  transport_vehicles: TransportVehiclesTable;
  transport_trips: TransportTripsTable;
  transport_requests: TransportRequestsTable;
  transport_request_moves: TransportRequestMovesTable;
}
