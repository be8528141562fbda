import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';

const OpsRoutes = lazy(() => import('./OpsRoutes.js'));

/** The field-operations pages, fetched the first time one is opened. */
export function OpsArea() {
  return (
    <Suspense fallback={<Skeleton active />}>
      <OpsRoutes />
    </Suspense>
  );
}
