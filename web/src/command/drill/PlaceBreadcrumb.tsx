import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCommand } from '../CommandContext.js';
import { paths, type PlaceAnswer } from '../commandApi.js';
import { unitPath } from '../placePath.js';
import { useApi } from '../useApi.js';
import { knownName, learnNames } from './placeNames.js';

/** A unit's name: known from an earlier answer, else asked of /places once. */
function UnitName({ code }: { code: string }) {
  const known = knownName(code);
  const place = useApi<PlaceAnswer>(known ? null : paths.place(code));
  if (place.data) learnNames([place.data]);
  return <>{known ?? place.data?.shortName ?? code}</>;
}

/**
 * 湘潭县 / 锦石乡 / 锦石村 / 第1网格 / …: each step a link back up. Units above the user's own
 * unit are shown as text (the user cannot open them).
 */
export function PlaceBreadcrumb({
  code,
  tail,
}: {
  code: string;
  tail?: { title: React.ReactNode; to?: string }[];
}) {
  const { t } = useTranslation('command');
  const { home } = useCommand();
  const steps = unitPath(code).filter((c) => !home || c.length >= home.length);
  const items = [
    ...steps.map((c, i) => {
      const last = i === steps.length - 1 && !tail?.length;
      return {
        key: c,
        title: last ? (
          <UnitName code={c} />
        ) : (
          <Link to={`/command/units/${c}`}>
            <UnitName code={c} />
          </Link>
        ),
      };
    }),
    ...(tail ?? []).map((s, i) => ({
      key: `tail-${i}`,
      title: s.to ? <Link to={s.to}>{s.title}</Link> : s.title,
    })),
  ];
  return (
    <nav aria-label={t('drill.title')} className="gv-breadcrumb">
      <Breadcrumb items={items} />
    </nav>
  );
}
