/**
 * The floor of the HTTP benchmark: a bare Fastify route doing no work (parse the JSON body,
 * answer {ok:true}), loaded exactly as the gridvax server is. Prints its address to stderr,
 * as `gridvax serve` does, and stops on SIGTERM.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
app.post('/api/v1/doses', async (_req, reply) => reply.status(201).send({ ok: true }));
const address = await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
process.stderr.write(`bare server ${address}\n`);
process.once('SIGTERM', () => void app.close());
