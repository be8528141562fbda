import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, OfflineError } from '../api/client.js';
import { useSession } from '../shell/session.js';
import { useBilingual } from './bilingual.js';

/** A failed read or write, in the server's own words where it gave some. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation('command');
  const { signOut } = useSession();
  const pick = useBilingual();
  if (!error) return null;
  let message: string;
  let action = onRetry ? (
    <Button size="small" onClick={onRetry}>
      {t('common:retry')}
    </Button>
  ) : undefined;
  if (error instanceof ApiError && error.status === 401) {
    message = t('error.unauthorized');
    action = (
      <Button size="small" type="primary" onClick={() => void signOut()}>
        {t('signInAgain')}
      </Button>
    );
  } else if (error instanceof ApiError && error.status === 404 && error.code.startsWith('http.')) {
    message = t('error.notFound');
  } else if (error instanceof ApiError) {
    message = pick(error.text);
  } else if (error instanceof OfflineError) {
    message = t('error.offline');
  } else {
    message = t('common:error.generic');
  }
  return <Alert type="error" showIcon title={message} action={action} role="alert" />;
}
