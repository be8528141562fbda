/**
 * Content-Security-Policy. The API answers JSON, files and SVG; nothing it serves needs a
 * script from elsewhere, an inline script or a frame. An SVG report opened in a browser is a
 * document, so a name smuggled into it as markup could not run even if it were not escaped.
 */
export const API_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
};

/**
 * The Swagger UI at /api/docs: its page loads only its own files (no inline script), but draws
 * icons as data: images and sets styles from its scripts; the policy @fastify/swagger-ui
 * recommends, without its allowances for other hosts (validator.swagger.io, https: styles) and
 * without upgrade-insecure-requests, which would break the docs on a plain-HTTP county LAN.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

/**
 * The web app's pages: still no script from elsewhere and no inline script; styles may be
 * inline because the component library (Ant Design) writes its styles at run time; the
 * service worker and the manifest come from the app itself; charts draw into canvas and SVG.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
].join('; ');
