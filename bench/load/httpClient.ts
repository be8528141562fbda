import http from 'node:http';

export interface Reply {
  status: number;
  /** The body, when asked for (a sync's per-item results) or not 2xx; otherwise read and dropped. */
  body?: string;
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  /** An API token; none for the public /healthz. */
  token?: string;
  body?: string;
  keepBody?: boolean;
}

/** A request that gets no answer in this time counts as an error (the server is stuck). */
const TIMEOUT_MS = 30_000;

/**
 * One client: one keep-alive connection of its own (as a phone or a browser tab holds one),
 * sending one request at a time. node:http rather than autocannon, because each client mixes
 * routes and the latency of every request must be kept per route, at sub-millisecond resolution.
 */
export function httpClient(base: string): { send(req: Request): Promise<Reply>; close(): void } {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (r: Request): Promise<Reply> =>
    new Promise<Reply>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = r.token ? { authorization: `Bearer ${r.token}` } : {};
      if (r.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(r.body);
      }
      const req = http.request(
        { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent },
        (res) => {
          const status = res.statusCode ?? 0;
          // A refusal's body is kept too: it says why, for the report.
          const keep = r.keepBody === true || status >= 300;
          const chunks: string[] = [];
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            if (keep) chunks.push(c);
          });
          res.on('end', () => resolve({ status, ...(keep ? { body: chunks.join('') } : {}) }));
          res.on('error', reject);
        },
      );
      req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(r.body);
    });
  return { send, close: () => agent.destroy() };
}
