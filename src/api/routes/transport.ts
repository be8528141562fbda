import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/openStore.js';

/** Transport 上门接送 (issue 8). */
export const transportRoutes =
  (store: Store): FastifyPluginAsync =>
   
  async (base) => {
    void store;
    void base;
  };
