import { randomUUID } from 'node:crypto';

/**
 * What became of one write: `acked` (a 2xx answer: the server promised it is stored),
 * `refused` (any other answer: nothing should be stored) or `lost` (no answer: the server was
 * killed first, so it may or may not be stored, but if it is, it must be whole).
 */
export type Answer = 'acked' | 'refused' | 'lost';

export interface DoseSent {
  id: string;
  idNumber: string;
  answer?: Answer;
  /** Status and body of a refusal, to say why in a failing test. */
  why?: string;
}

export interface BatchSent {
  deviceId: string;
  /** The record ids of its visits. */
  ids: string[];
  answer?: Answer;
  why?: string;
}

export interface LoadOptions {
  url: string;
  token: string;
  /** Names this round's devices. */
  tag: string;
  doseClients: number;
  syncClients: number;
  batchSize: number;
  /** Hands out residents never dosed (shared by every round: each gets one dose only). */
  nextUndosed(): string | undefined;
  /** Residents to visit (any may be visited many times). */
  visitable: readonly string[];
}

export interface WriteLoad {
  doses: DoseSent[];
  batches: BatchSent[];
  acked(): number;
  /** Writes sent and not yet answered. */
  inFlight(): number;
  /** Resolves once `n` writes have been acknowledged. */
  untilAcked(n: number): Promise<void>;
  /** Resolves when every client has stopped: the server stopped answering, or doses ran out. */
  done: Promise<void>;
}

const DOSE = { product: 'sinovac', doseNumber: 1, at: '2021-08-09T17:00:00+08:00' };

/**
 * Several clients writing at once over HTTP, each waiting for its answer before the next
 * write, as a site's tablet and grid members' phones do: dose clients POST /api/v1/doses, one
 * new resident each; sync clients POST /api/v1/sync, a batch of visits each. Every write and
 * its answer is kept. A client stops at the first write left without an answer.
 */
export function startWriteLoad(o: LoadOptions): WriteLoad {
  const doses: DoseSent[] = [];
  const batches: BatchSent[] = [];
  let acked = 0;
  let sent = 0;
  let answered = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${o.token}` };

  const send = async (path: string, body: unknown, sentOne: { answer?: Answer; why?: string }) => {
    sent++;
    try {
      const res = await fetch(`${o.url}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      if (res.ok) {
        sentOne.answer = 'acked';
        acked++;
        for (const w of waiting.filter((x) => acked >= x.n)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
      } else {
        sentOne.answer = 'refused';
        sentOne.why = `${res.status} ${text.slice(0, 300)}`;
      }
    } catch (e) {
      sentOne.answer = 'lost';
      sentOne.why = String((e as Error).cause ?? e);
    } finally {
      answered++;
    }
    return sentOne.answer !== 'lost';
  };

  const doseClient = async () => {
    for (;;) {
      const idNumber = o.nextUndosed();
      if (idNumber === undefined) return;
      const dose: DoseSent = { id: randomUUID(), idNumber };
      doses.push(dose);
      if (!(await send('/api/v1/doses', { ...DOSE, idNumber, id: dose.id }, dose))) return;
    }
  };

  const syncClient = async (k: number) => {
    for (let n = 0; ; n++) {
      const batch: BatchSent = { deviceId: `${o.tag}-phone${k}`, ids: [] };
      const items = Array.from({ length: o.batchSize }, (_, i) => {
        const id = randomUUID();
        batch.ids.push(id);
        const idNumber = o.visitable[(k * 7919 + n * o.batchSize + i) % o.visitable.length];
        return {
          kind: 'visit',
          id,
          idNumber,
          visit: { outcome: 'not-found', at: `2021-08-09T0${1 + (i % 8)}:00:00+08:00`, channel: 'door' },
        };
      });
      batches.push(batch);
      if (!(await send('/api/v1/sync', { deviceId: batch.deviceId, items }, batch))) return;
    }
  };

  const done = Promise.all([
    ...Array.from({ length: o.doseClients }, () => doseClient()),
    ...Array.from({ length: o.syncClients }, (_, k) => syncClient(k)),
  ]).then(() => undefined);

  return {
    doses,
    batches,
    acked: () => acked,
    inFlight: () => sent - answered,
    untilAcked: (n) =>
      acked >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve })),
    done,
  };
}
