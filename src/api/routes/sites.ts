import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/openStore.js';

/** Sites, bookings, stock, checklist (issue 8). */
export const siteRoutes =
  (store: Store): FastifyPluginAsync =>
   
  async (base) => {
    void store;
    void base;
  };
