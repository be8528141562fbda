import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/openStore.js';

/** Check-in and screening at the site (issue 8). */
export const siteScreeningRoutes =
  (store: Store): FastifyPluginAsync =>
   
  async (base) => {
    void store;
    void base;
  };
