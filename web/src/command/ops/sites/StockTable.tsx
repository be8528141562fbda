import { Alert, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { products } from '../../../../../src/domain/vaccines/catalog.js';
import { useFormat } from '../../../i18n/format.js';
import { useBilingual } from '../../bilingual.js';
import type { Quantity, StockDay, StockLine } from '../opsApi.js';

const PRODUCT = new Map(products.map((p) => [p.code as string, p.shortName]));

/**
 * The site's vaccine on a day, by product and lot: opening + received − given − wasted = left,
 * in doses and vials, and beside "given" the dose records of that lot. A lot whose doses given and
 * records differ is marked and explained, never evened out.
 */
export function StockTable({ stock }: { stock: StockDay }) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const pick = useBilingual();
  const qty = (q: Quantity) => (
    <>
      {t('stock.doses', { n: f.number(q.doses) })}
      <span className="gv-ops-cell__sub">{t('stock.vials', { n: f.number(q.vials) })}</span>
    </>
  );
  const difference = (n: number) =>
    n === 0 ? (
      <span className="gv-ok">{t('stock.matches')}</span>
    ) : (
      <span className="gv-bad">
        {n > 0 ? t('stock.unrecorded', { n: f.number(n) }) : t('stock.unstocked', { n: f.number(-n) })}
      </span>
    );

  const columns: TableColumnsType<StockLine> = [
    {
      title: t('stock.product'),
      dataIndex: 'product',
      render: (p: string) => {
        const name = PRODUCT.get(p);
        return name ? pick(name) : p;
      },
    },
    {
      title: t('stock.lot'),
      dataIndex: 'lot',
      render: (l: string | null) => <span className="gv-mono">{l ?? t('stock.noLot')}</span>,
    },
    { title: t('stock.opening'), key: 'opening', align: 'right', render: (_: unknown, r) => qty(r.opening) },
    {
      title: t('stock.received'),
      key: 'received',
      align: 'right',
      render: (_: unknown, r) => qty(r.received),
    },
    { title: t('stock.given'), key: 'given', align: 'right', render: (_: unknown, r) => qty(r.given) },
    { title: t('stock.wasted'), key: 'wasted', align: 'right', render: (_: unknown, r) => qty(r.wasted) },
    { title: t('stock.left'), key: 'left', align: 'right', render: (_: unknown, r) => qty(r.left) },
    { title: t('stock.recorded'), dataIndex: 'recorded', align: 'right', render: (n: number) => f.number(n) },
    { title: t('stock.difference'), dataIndex: 'difference', render: difference },
  ];
  const tot = stock.totals;

  return (
    <>
      {stock.differences > 0 && (
        <Alert
          type="error"
          showIcon
          className="gv-gap-bottom"
          title={t('stock.differences', { n: stock.differences })}
          data-testid="stock-differences"
        />
      )}
      <Table<StockLine>
        rowKey={(r) => `${r.product}|${r.lot ?? ''}`}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={stock.lots}
        rowClassName={(r) => (r.difference !== 0 ? 'gv-ops-row--overdue' : '')}
        locale={{ emptyText: <span className="gv-ops-empty">{t('stock.empty')}</span> }}
        scroll={{ x: 'max-content' }}
        data-testid="stock"
        summary={() =>
          stock.lots.length > 1 ? (
            <Table.Summary.Row className="gv-ops-totalrow">
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>{t('stock.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {qty(tot.opening)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {qty(tot.received)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {qty(tot.given)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {qty(tot.wasted)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {qty(tot.left)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {f.number(tot.recorded)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8}>{difference(tot.difference)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
