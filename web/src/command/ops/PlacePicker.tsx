import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { ancestorCode, levelOfCode } from '../../../../src/domain/places.js';
import { useCommand } from '../CommandContext.js';
import { paths, type PlaceAnswer } from '../commandApi.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { useApi } from '../useApi.js';

/**
 * Where a page for one township or one village starts when none is named: a user of a township
 * or village goes straight to their own; the county chooses a township, then (for a village
 * page) one of its villages.
 */
export function PlacePicker({
  level,
  to,
  title,
}: {
  level: 'township' | 'village';
  to: string;
  title: string;
}) {
  const { t } = useTranslation('ops');
  const navigate = useNavigate();
  const { home } = useCommand();
  const [township, setTownship] = useState<string | undefined>(undefined);
  const own = home ? ancestorCode(home, level) : undefined;
  const homeLevel = home ? levelOfCode(home) : undefined;
  const townshipHome = homeLevel === 'township' ? home : undefined;
  const chosenTownship = township ?? townshipHome;
  const county = useApi<PlaceAnswer>(homeLevel === 'county' && home ? paths.place(home) : null);
  const villages = useApi<PlaceAnswer>(
    level === 'village' && chosenTownship ? paths.place(chosenTownship) : null,
  );

  if (own) return <Navigate to={`${to}/${own}`} replace />;
  const options = (p: PlaceAnswer | undefined) =>
    (p?.children ?? []).map((c) => ({ value: c.code, label: 'shortName' in c ? c.shortName : c.name }));

  return (
    <div className="gv-ops gv-ops-picker">
      <Typography.Title level={2}>{title}</Typography.Title>
      <ErrorAlert error={county.error ?? villages.error} />
      <Space wrap size="large">
        {homeLevel === 'county' && (
          <span className="gv-field gv-field--inline">
            <label htmlFor="pick-township">{t('pick.township')}</label>
            <Select
              id="pick-township"
              value={township}
              loading={county.loading}
              style={{ minWidth: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={options(county.data)}
              onChange={(code: string) =>
                level === 'township' ? navigate(`${to}/${code}`) : setTownship(code)
              }
            />
          </span>
        )}
        {level === 'village' && chosenTownship && (
          <span className="gv-field gv-field--inline">
            <label htmlFor="pick-village">{t('pick.village')}</label>
            <Select
              id="pick-village"
              loading={villages.loading}
              style={{ minWidth: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={options(villages.data)}
              onChange={(code: string) => navigate(`${to}/${code}`)}
            />
          </span>
        )}
      </Space>
    </div>
  );
}
