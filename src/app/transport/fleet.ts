/**
 * The township's transport team (接送队): its drivers (volunteers, grid members with a car) and
 * its vehicles with their seats. A driver may be linked to a gridvax account of role `driver`,
 * which is how the driver's phone finds their own trips.
 */
import { businessRule, conflict, invalidInput } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import {
  driverOfUser,
  driversUnder,
  insertDriver,
  insertVehicle,
  isUniqueViolation,
  vehicleByPlate,
  vehiclesUnder,
  type DriverRow,
  type VehicleRow,
} from '../../store/fieldops/transportQueries.js';
import { findUserById, findUserByName } from '../../store/userQueries.js';
import type { Scope } from '../records/findResident.js';
import { requiredText, requireTransportPlace } from './transportInput.js';

export interface DriverView {
  id: number;
  township: string;
  /** Where the driver is based: the township or a village of it. */
  place: string;
  name: string;
  /**
   * In full: a driver's phone is a work contact on the township's duty roster, which is what a
   * dispatcher and a grid member need to reach the car (residents' phones stay masked).
   */
  phone: string;
  /** The linked gridvax account, if any. */
  username: string | null;
  active: boolean;
}

export interface VehicleView {
  id: number;
  township: string;
  place: string;
  plate: string;
  /** Seats for riders, the driver's not counted. */
  seats: number;
  accessible: boolean;
  active: boolean;
}

export async function driverView(store: Store, d: DriverRow): Promise<DriverView> {
  const user = d.user_id === null ? undefined : await findUserById(store.db, d.user_id);
  return {
    id: d.id,
    township: d.township_code,
    place: d.place_code,
    name: d.name,
    phone: d.phone,
    username: user?.username ?? null,
    active: d.active === 1,
  };
}

export const vehicleView = (v: VehicleRow): VehicleView => ({
  id: v.id,
  township: v.township_code,
  place: v.place_code,
  plate: v.plate,
  seats: v.seats,
  accessible: v.accessible === 1,
  active: v.active === 1,
});

const PHONE_RE = /^\+?[\d\s-]{5,20}$/;

export interface AddDriverInput {
  /** The township, or a village of it, the driver is based in. */
  place: string;
  name: string;
  phone: string;
  /** A gridvax account of role `driver` to link, by username. */
  username?: string | null;
  scope?: Scope;
}

export async function addDriver(store: Store, input: AddDriverInput): Promise<DriverView> {
  const { place, township } = await requireTransportPlace(store, input.place, input.scope);
  const name = requiredText(input.name, 'transport.driver-name', 'name', {
    zh: '请填写司机姓名',
    en: "give the driver's name",
  });
  const phone = requiredText(input.phone, 'transport.driver-phone', 'phone', {
    zh: '请填写司机电话',
    en: "give the driver's phone",
  });
  if (!PHONE_RE.test(phone)) {
    throw invalidInput({
      code: 'transport.driver-phone',
      field: 'phone',
      message: { zh: `电话号码无效：${phone}`, en: `not a phone number: ${phone}` },
    });
  }
  let userId: number | null = null;
  if (input.username?.trim()) {
    const user = await findUserByName(store.db, input.username.trim());
    if (!user || user.disabled === 1) {
      throw invalidInput({
        code: 'transport.driver-user',
        field: 'username',
        message: { zh: `找不到账号 ${input.username}`, en: `no account ${input.username}` },
      });
    }
    if (user.role !== 'driver') {
      throw businessRule({
        code: 'transport.driver-role',
        field: 'username',
        message: {
          zh: `账号 ${user.username} 的角色是 ${user.role}，只能关联“接送志愿者”（driver）账号`,
          en: `account ${user.username} has role ${user.role}: only a driver account can be linked`,
        },
      });
    }
    userId = user.id;
  }
  const linkTaken = (by?: string) =>
    conflict({
      code: 'transport.driver-user-taken',
      field: 'username',
      message: {
        zh: `账号 ${input.username} 已关联司机${by ? ` ${by}` : ''}`,
        en: `account ${input.username} is already linked to a driver${by ? ` (${by})` : ''}`,
      },
    });
  return (
    store
      .transaction(async (trx) => {
        if (userId !== null) {
          const taken = await driverOfUser(trx, userId);
          if (taken) throw linkTaken(taken.name);
        }
        const row = await insertDriver(trx, {
          county_code: township.slice(0, 6),
          township_code: township,
          place_code: place.code,
          name,
          phone,
          user_id: userId,
          active: 1,
          created_at: store.now().toISOString(),
        });
        return {
          id: row.id,
          township: row.township_code,
          place: row.place_code,
          name: row.name,
          phone: row.phone,
          username: userId === null ? null : (input.username?.trim() ?? null),
          active: true,
        };
      })
      // Two registrations of one account at once (PostgreSQL): the unique index lets one in.
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? linkTaken() : e;
      })
  );
}

/** The drivers of the place's township based at the place or under it. */
export async function listDrivers(
  store: Store,
  input: { place: string; scope?: Scope },
): Promise<DriverView[]> {
  const { place, township } = await requireTransportPlace(store, input.place, input.scope);
  const rows = await driversUnder(store.db, township, place.code);
  return Promise.all(rows.map((d) => driverView(store, d)));
}

export interface AddVehicleInput {
  place: string;
  plate: string;
  seats: number;
  accessible?: boolean;
  scope?: Scope;
}

/** A plate as the traffic police print it: no spaces, Latin letters upper case (湘C·A1234). */
export const normalizePlate = (plate: string): string => plate.replace(/\s+/g, '').toUpperCase();

export async function addVehicle(store: Store, input: AddVehicleInput): Promise<VehicleView> {
  const { place, township } = await requireTransportPlace(store, input.place, input.scope);
  const plate = normalizePlate(
    requiredText(input.plate, 'transport.plate', 'plate', {
      zh: '请填写车牌号',
      en: 'give the number plate',
    }),
  );
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > 60) {
    throw invalidInput({
      code: 'transport.seats',
      field: 'seats',
      message: {
        zh: `座位数（不含司机）应为 1 到 60 的整数：${input.seats}`,
        en: `seats (the driver's not counted) must be a whole number from 1 to 60: ${input.seats}`,
      },
    });
  }
  const county = township.slice(0, 6);
  const plateTaken = () =>
    conflict({
      code: 'transport.plate-taken',
      field: 'plate',
      message: { zh: `车牌 ${plate} 已登记`, en: `plate ${plate} is registered already` },
    });
  return store
    .transaction(async (trx) => {
      if (await vehicleByPlate(trx, county, plate)) throw plateTaken();
      return vehicleView(
        await insertVehicle(trx, {
          county_code: county,
          township_code: township,
          place_code: place.code,
          plate,
          seats: input.seats,
          accessible: input.accessible ? 1 : 0,
          active: 1,
          created_at: store.now().toISOString(),
        }),
      );
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? plateTaken() : e;
    });
}

export async function listVehicles(
  store: Store,
  input: { place: string; scope?: Scope },
): Promise<VehicleView[]> {
  const { place, township } = await requireTransportPlace(store, input.place, input.scope);
  return (await vehiclesUnder(store.db, township, place.code)).map(vehicleView);
}
