/**
 * The one error vocabulary of gridvax. Every refusal anywhere (domain rule, store, import,
 * API, CLI) is a GridvaxError of one of these kinds; src/api/httpErrors.ts maps kinds to
 * HTTP statuses and src/cli/exitCodes.ts maps them to exit codes, each in one place.
 */
export type ErrorKind =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'business-rule'
  /** No signed-in user (no session, an expired one, an unknown token). */
  | 'unauthenticated'
  /** Too many attempts: a locked-out sign-in. */
  | 'rate-limited';

/** A message said in both languages the interface speaks; Chinese first. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface ErrorDetail {
  /** A stable dotted code scripts can branch on, e.g. `idcard.checksum`. */
  code: string;
  message: Bilingual;
  /** The input field the problem is in, when there is one. */
  field?: string;
  /** The row (1-based, as a spreadsheet shows it) of a bulk input, when there is one. */
  row?: number;
  /** The file a bulk input came from, when there is one. */
  file?: string;
}

export class GridvaxError extends Error {
  readonly kind: ErrorKind;
  readonly detail: ErrorDetail;

  constructor(kind: ErrorKind, detail: ErrorDetail) {
    super(`${detail.message.zh} / ${detail.message.en}`);
    this.name = 'GridvaxError';
    this.kind = kind;
    this.detail = detail;
  }

  get code(): string {
    return this.detail.code;
  }
}

export const invalidInput = (detail: ErrorDetail): GridvaxError => new GridvaxError('invalid-input', detail);
export const notFound = (detail: ErrorDetail): GridvaxError => new GridvaxError('not-found', detail);
export const conflict = (detail: ErrorDetail): GridvaxError => new GridvaxError('conflict', detail);
export const forbidden = (detail: ErrorDetail): GridvaxError => new GridvaxError('forbidden', detail);
export const businessRule = (detail: ErrorDetail): GridvaxError => new GridvaxError('business-rule', detail);
export const unauthenticated = (detail: ErrorDetail): GridvaxError =>
  new GridvaxError('unauthenticated', detail);
export const rateLimited = (detail: ErrorDetail): GridvaxError => new GridvaxError('rate-limited', detail);

export const isGridvaxError = (e: unknown): e is GridvaxError => e instanceof GridvaxError;

/**
 * The error as scripts see it in `--json` output and API bodies: the Chinese message first,
 * the English one beside it.
 */
export function errorJson(detail: ErrorDetail): {
  code: string;
  message: string;
  messageEn: string;
  field?: string;
  row?: number;
  file?: string;
} {
  return {
    code: detail.code,
    message: detail.message.zh,
    messageEn: detail.message.en,
    ...(detail.field === undefined ? {} : { field: detail.field }),
    ...(detail.row === undefined ? {} : { row: detail.row }),
    ...(detail.file === undefined ? {} : { file: detail.file }),
  };
}
