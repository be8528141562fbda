import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/openStore.js';

/** Teams 攻坚队 and other teams (issue 8). */
export const teamRoutes =
  (store: Store): FastifyPluginAsync =>
   
  async (base) => {
    void store;
    void base;
  };
