/**
 * Issuing a dispatch order (调度令): the county command (or a township, to its villages) sends an
 * order with a deadline to one or more units under it. Every unit must lie under the issuer and
 * in the caller's places; one that does not refuses the whole order (`order.out-of-scope`, naming
 * it), and the order and all its targets are written in one transaction, so an order is never
 * half-issued.
 */
import { orderOutOfScope, validateOrder } from '../../domain/dispatchOrder.js';
import { levelOfCode } from '../../domain/places.js';
import { insertOrder } from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import { inScope, type Scope } from '../records/findResident.js';
import { showOrder, type OrderView } from './orderView.js';

export interface IssueOrderInput {
  /** The issuing unit; by default the caller's own unit when they have one, else the targets' county. */
  issuer?: string;
  title: string;
  text: string;
  /** ISO instant with a zone. */
  deadline: string;
  /** Township and village codes. */
  targets: readonly string[];
  campaignId?: number;
  issuedBy: string;
  scope?: Scope;
}

/** The caller's own unit when they work in exactly one county or township; else the targets' county. */
function defaultIssuer(scope: Scope, targets: readonly string[]): string {
  const own = scope?.length === 1 ? scope[0] : undefined;
  const level = own === undefined ? undefined : levelOfCode(own);
  if (own !== undefined && (level === 'county' || level === 'township')) return own;
  return (targets[0] ?? '').trim().slice(0, 6);
}

export async function issueOrder(store: Store, input: IssueOrderInput): Promise<OrderView> {
  const issuedAt = store.now();
  const issuer = (input.issuer ?? defaultIssuer(input.scope, input.targets)).trim();
  // Outside the caller's places: the same refusal as outside the issuer's, whichever unit it is.
  const outside = input.targets.map((t) => t.trim()).find((t) => !inScope(input.scope, t));
  if (outside !== undefined && levelOfCode(outside) !== undefined) throw orderOutOfScope(outside);
  const order = validateOrder({ ...input, issuer }, issuedAt);
  await requirePlace(store, order.issuer, input.scope, 'issuer');
  for (const t of order.targets) await requirePlace(store, t, input.scope, 'targets');
  const campaignId =
    input.campaignId === undefined
      ? null
      : Number((await requireCampaign(store, input.campaignId, input.scope)).id);
  const id = await store.transaction((trx) =>
    insertOrder(
      trx,
      {
        county_code: order.issuer.slice(0, 6),
        issuer_code: order.issuer,
        title: order.title,
        body: order.text,
        issued_at: issuedAt.toISOString(),
        deadline: order.deadline,
        campaign_id: campaignId,
        issued_by: input.issuedBy,
      },
      order.targets,
    ),
  );
  return showOrder(store, { orderId: id, scope: input.scope });
}
