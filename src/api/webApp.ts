import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFound } from '../domain/errors.js';
import { projectFile } from '../projectRoot.js';
import { WEB_CSP } from './auth/contentSecurityPolicy.js';

/** Where `npm run build` puts the web app (web/ built by Vite). */
export const WEB_ROOT = projectFile('dist', 'web');

/**
 * The web app at `/`: its built files, and index.html for every other path that is not the
 * API, so that /command/430321205 or /field opened from a bookmark (or reloaded offline, from
 * the service worker's copy) lands in the app, which routes it.
 *
 * Hashed assets are cached for good; index.html and the service worker never, so a new
 * release reaches phones the next time they are online.
 */
export async function installWebApp(app: FastifyInstance, root = WEB_ROOT): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false });
  const built = existsSync(join(root, 'index.html'));
  const base = normalize(root + sep);

  const send = (reply: FastifyReply, file: string): FastifyReply => {
    const immutable = file.startsWith('assets/');
    return reply
      .header('content-security-policy', WEB_CSP)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .sendFile(file, { cacheControl: false });
  };

  app.get('/*', { schema: { hide: true }, config: { permission: 'public' } }, async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (path.startsWith('/api/') || path === '/api') {
      throw notFound({
        code: 'http.route-not-found',
        message: {
          zh: `没有这个接口：${request.method} ${path}`,
          en: `no such route: ${request.method} ${path}`,
        },
      });
    }
    if (!built) {
      throw notFound({
        code: 'web.not-built',
        message: {
          zh: '网页端尚未构建：请先运行 npm run build',
          en: 'the web app is not built: run npm run build',
        },
      });
    }
    const file = normalize(join(root, path));
    if (file.startsWith(base) && existsSync(file) && statSync(file).isFile()) {
      return send(reply, file.slice(base.length).split(sep).join('/'));
    }
    // A missing asset is a real 404 (a stale page asking for an old chunk), not the app.
    if (path.startsWith('/assets/')) {
      throw notFound({ code: 'web.asset-not-found', message: { zh: '文件不存在', en: 'no such file' } });
    }
    return send(reply, 'index.html');
  });
}
