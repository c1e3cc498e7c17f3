import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * main.tsx loads the React UI with `import()` so its first requests leave before React is even
 * parsed; a modulepreload link lets the browser fetch and compile that chunk meanwhile instead of
 * only once `import()` runs.
 */
function preloadLazyChunks(): Plugin {
  return {
    name: 'session-sync:preload-lazy-chunks',
    enforce: 'post',
    transformIndexHtml(_html, ctx) {
      return Object.values(ctx.bundle ?? {})
        .filter((c) => c.type === 'chunk' && c.isDynamicEntry)
        .map((c) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${c.fileName}` },
          injectTo: 'head' as const,
        }));
    },
  };
}

// The renderer is served from file:// in Electron and from the web host's root, so every asset
// URL must be relative. Tests run under the root vitest.config.ts, which takes precedence.
export const config = defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadLazyChunks()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    // One stylesheet, linked from index.html, not loaded by import(): the first paint never waits
    // for the chunk to add it, and the web host can put it into the page it serves with the first
    // view (electron/web-host/first-view.ts) without the chunk fetching it again.
    cssCodeSplit: false,
  },
});

export { config as default };
