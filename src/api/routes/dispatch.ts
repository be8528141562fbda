import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/openStore.js';

/** Dispatch orders 调度令 and village notices (issue 8). */
export const dispatchRoutes =
  (store: Store): FastifyPluginAsync =>
   
  async (base) => {
    void store;
    void base;
  };
