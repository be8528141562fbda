/**
 * What the driver pages read and send (src/api/routes/transportSchemas.ts is the contract):
 * the signed-in driver's trips of a day, a ride's move, a township's day board.
 */
import { get, post, type Bilingual } from '../api/client.js';
import type { TransportStatus } from '../../../src/domain/transportStatus.js';

export interface Ride {
  id: number;
  name: string;
  sex: 'M' | 'F';
  age: number;
  /** Masked (138****5678) for a driver account; null when none is on the register. */
  phone: string | null;
  villageName: string | null;
  windowText: string;
  site: { id: number; name: string };
  pickUp: string;
  wheelchair: boolean;
  companion: boolean;
  note: string | null;
  status: TransportStatus;
  statusLabel: Bilingual;
  reason: string | null;
  tripId: number | null;
  mismatch: boolean;
}

export interface Trip {
  id: number;
  day: string;
  windowText: string;
  villageName: string | null;
  site: { id: number; name: string; address: string };
  vehicle: { id: number; plate: string; seats: number; accessible: boolean };
  driver: { id: number; name: string; phone: string } | null;
  seats: number;
  seatsUsed: number;
  progress: 'waiting' | 'under-way' | 'done';
  /** In boarding order; cancelled riders are left out by the server. */
  riders: Ride[];
  otherRiders: number;
}

export interface MyTrips {
  day: string;
  driver: { id: number; name: string; phone: string; township: string } | null;
  trips: Trip[];
}

export interface Board {
  place: string;
  placeName: string;
  day: string;
  counts: Record<TransportStatus, number>;
  stillOut: number;
  mismatches: number;
  trips: Trip[];
}

const dayQuery = (day: string | null) => (day ? `?day=${encodeURIComponent(day)}` : '');

export const fetchMyTrips = (day: string | null) => get<MyTrips>(`transport/my-trips${dayQuery(day)}`);

export const fetchBoard = (place: string, day: string | null) =>
  get<Board>(`transport/board/${encodeURIComponent(place)}${dayQuery(day)}`);

export const moveRide = (id: number, to: TransportStatus, reason?: string) =>
  post<{ from: TransportStatus; to: TransportStatus; ride: Ride }>(`transport/requests/${id}/moves`, {
    to,
    ...(reason ? { reason } : {}),
  });
