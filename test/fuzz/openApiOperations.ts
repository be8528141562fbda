import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/openStore.js';
import type { Schema } from './schemaArbitrary.js';

/**
 * The operations of the server's own OpenAPI document, with their parameters and JSON body
 * schemas: what the API fuzz suites are built on, so that a route added later is fuzzed too.
 */
export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema: Schema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As the document writes it: /api/v1/campaigns/{id}. */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  body?: Schema;
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }
    >
  >;
}

/** The document of a server on a throwaway store (the operations do not depend on the data). */
export async function openApiOperations(): Promise<Operation[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-openapi-'));
  const store = await openStore({ dialect: 'sqlite', target: join(dir, 'gridvax.db'), isDefault: false });
  try {
    const app = await buildServer(store);
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
    await app.close();
    const out: Operation[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const body = op.requestBody?.content?.['application/json']?.schema;
        out.push({
          method: method.toUpperCase() as Operation['method'],
          path,
          parameters: op.parameters ?? [],
          ...(body ? { body } : {}),
        });
      }
    }
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
