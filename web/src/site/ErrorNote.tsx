import { useTranslation } from 'react-i18next';
import { ApiError, OfflineError } from '../api/client.js';
import type { ErrorDetail } from '../../../src/domain/errors.js';
import { usePick } from './hooks.js';

/**
 * A refusal as the server (or the shared domain rule) words it, in the reader's language: the
 * staff see why, e.g. "a decision less cautious than the suggestion needs a note".
 */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? pick(error.text)
      : error instanceof OfflineError
        ? t('error.offline')
        : isDetail(error)
          ? pick(error.message)
          : t('error.generic');
  const code = error instanceof ApiError ? error.code : isDetail(error) ? error.code : undefined;
  return (
    <p className="st-error" role="alert" data-testid="error" data-code={code}>
      {text}
    </p>
  );
}

const isDetail = (e: unknown): e is ErrorDetail =>
  typeof e === 'object' && e !== null && 'code' in e && 'message' in e && typeof e.message === 'object';
