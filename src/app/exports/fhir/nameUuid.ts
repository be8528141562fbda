/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1) for the Bundle's `urn:uuid:` full URLs: the same
 * resource gets the same URL in every export, so two exports of a county can be compared entry
 * by entry, and no random state is needed.
 */
import { createHash } from 'node:crypto';

/** gridvax's namespace: the version-5 UUID of its code system URL in the URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function bytesOf(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const GRIDVAX_NAMESPACE = uuidV5('https://gridvax.example/fhir', URL_NAMESPACE);

/** The UUID of a name in gridvax's namespace (`Patient/430321-17` → always the same UUID). */
export const gridvaxUuid = (name: string): string => uuidV5(name, GRIDVAX_NAMESPACE);
