/**
 * The Content-Security-Policy of the renderer. It is sent as a response header by the `app:`
 * protocol handler and again through `session.webRequest.onHeadersReceived` (which also covers the
 * dev server in development), so it holds whatever serves the page.
 */
export interface CspOptions {
  dev: boolean;
  /** The electron-vite dev server (`ELECTRON_RENDERER_URL`), development only. */
  devServerOrigin?: string;
}

function originOf(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Production: nothing inline, nothing evaluated, nothing from elsewhere.
 * - `style-src 'self'` without 'unsafe-inline': React's `style={{…}}` writes through the CSSOM
 *   (`element.style.x = …`), which CSP does not govern, so inline styles from React need no
 *   exception. Only `<style>` elements and `style="…"` markup would, and we ship neither.
 * - Development only: Vite injects CSS as `<style>` tags and @vitejs/plugin-react injects an inline
 *   React Refresh preamble `<script>`, and HMR talks over a WebSocket; so dev adds 'unsafe-inline'
 *   for those and the dev server's ws/http origins. 'unsafe-eval' is never allowed.
 */
export function buildCsp(options: CspOptions): string {
  const dev = options.dev ? originOf(options.devServerOrigin) : null;
  const scriptSrc = ["'self'"];
  const styleSrc = ["'self'"];
  const connectSrc = ["'self'"];
  if (options.dev) {
    scriptSrc.push("'unsafe-inline'");
    styleSrc.push("'unsafe-inline'");
  }
  if (dev) {
    const wsProtocol = dev.protocol === 'https:' ? 'wss:' : 'ws:';
    connectSrc.push(dev.origin, `${wsProtocol}//${dev.host}`);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    ['style-src', styleSrc],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', connectSrc],
    ['worker-src', ["'self'"]],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Parses a policy into directive → sources, for tests and for checking a header we received. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}
