import type { TargetState } from '../../../../../src/domain/dispatchOrder.js';
import { TARGET_STATE_LABELS } from '../../../../../src/domain/dispatchOrder.js';
import { useBilingual } from '../../bilingual.js';

/**
 * Where a unit stands with an order, in the domain's words (待签收 … 逾期未办结), coloured with
 * text dark enough to read on its tint: the word carries the meaning, the colour only helps.
 */
export function StateTag({ state }: { state: TargetState }) {
  const pick = useBilingual();
  return (
    <span className={`gv-ops-state gv-ops-state--${state}`} data-state={state}>
      {pick(TARGET_STATE_LABELS[state])}
    </span>
  );
}
