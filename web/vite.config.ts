import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app, built into dist/web and served by `gridvax serve` at `/`. The service worker
 * precaches every built file, so the field pages open without a network once they have been
 * opened with one; API calls are never cached by it (the field pages keep their own data in
 * IndexedDB and queue their records there).
 */
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Antd and ECharts are big on purpose-built chunks of their own; field pages must not pull them.
    chunkSizeWarningLimit: 2000,
  },
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null,
      includeAssets: ['icon.svg'],
      manifest: {
        name: '网格化疫苗接种攻坚 gridvax',
        short_name: 'gridvax',
        description: '入户摸排、接种点登记与双清零调度 — door-to-door screening and the county drive',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#c4161c',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
