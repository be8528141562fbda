import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRODUCT_CODES, products } from '../../domain/vaccines/catalog.js';
import { bilingual, errorResponses } from '../schemas.js';

const product = z.object({
  code: z.enum(PRODUCT_CODES),
  name: bilingual,
  shortName: bilingual,
  manufacturer: bilingual,
  platform: z.enum(['inactivated', 'adenovirus-vector', 'recombinant-protein']),
  primaryDoses: z.number().int(),
  windows: z
    .array(
      z.object({
        doseNumber: z.number().int(),
        minDaysAfterPrevious: z.number().int(),
        ideallyWithinDaysOfFirst: z.number().int().nullable(),
      }),
    )
    .meta({ description: 'Windows of doses 2.. of the primary series' }),
  booster: z.object({ minDaysAfterPrimary: z.number().int(), homologous: z.boolean() }),
  aliases: z.array(z.string()).meta({ description: 'Other ways ledgers write the product' }),
});

/** The catalog is a fixed list in the domain (the 2021 guideline's five products): no store needed. */
export const productRoutes = (): FastifyPluginAsync => async (base) => {
  base.withTypeProvider<ZodTypeProvider>().get(
    '/products',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'Vaccine products and their dose windows (2021 national technical guideline)',
        description:
          'The codes doses and visits use. A late dose is given, never restarted; a booster is due 180 days after the primary series.',
        response: { 200: z.object({ items: z.array(product) }), ...errorResponses() },
      },
    },
    () => ({ items: products.map((p) => ({ ...p, windows: [...p.windows], aliases: [...p.aliases] })) }),
  );
};
