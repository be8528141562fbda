import type { InjectOptions } from 'fastify';
import type { Permission } from '../../src/domain/roles.js';
import type { Store } from '../../src/store/openStore.js';
import type { SecurityCounty, Target } from './securityCounty.js';

/** One request of the scope matrix (./scopeMatrix.test.ts), and the helpers rule files share. */
export interface Case {
  /** Shown in failures. */
  name: string;
  request(t: Target, ctx: SecurityCounty): Omit<InjectOptions, 'method'>;
  /** Permissions needed beyond the route's own (`unmasked=true` needs 'pii.unmask'). */
  needs?: Permission[];
  /**
   * The place the request names (a resident: their grid), whose subtree the role must be
   * attached above for an answer other than 404; none when it names no place or resident.
   */
  aims: 'grid' | 'village' | 'none';
  /** How a batch answers a resident out of scope: 200, with that item rejected as unknown. */
  outside?: 'item-rejected';
  /** The answer may carry full ID numbers (to a role that may see them). */
  fullIds?: boolean;
  /** Sign in afresh first (signing out ends the session). */
  freshSession?: boolean;
}

export const q = (params: Record<string, string | number | boolean>): string =>
  new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();

export const json = (payload: object) => ({ payload });

/** A multipart upload of one file (field `file`) and text fields, the body built by hand. */
export const upload = (file: Buffer, fields: Record<string, string> = {}) => {
  const b = '----gridvax-matrix';
  const text = Object.entries(fields)
    .map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const head = `${text}--${b}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${b}--\r\n`)]),
  };
};

/**
 * The rules of one area, in its own file so that areas are added without touching the matrix:
 * `setUp` makes what the requests need at a target (inside and outside the roles' places) and
 * returns it by name; the requests find it in `target.fixtures`.
 */
export interface MatrixArea {
  rules: Record<string, Case[]>;
  setUp?(store: Store, target: Target, ctx: SecurityCounty): Promise<Record<string, number | string>>;
}
