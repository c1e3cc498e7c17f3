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
      const chunks = Object.values(ctx.bundle ?? {}).filter(
        (c) => c.type === 'chunk' && c.isDynamicEntry,
      );
      return chunks.flatMap((c) => [
        {
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${c.fileName}` },
          injectTo: 'head' as const,
        },
        // Its stylesheet too, so the first paint does not wait for import() to add it.
        ...[...(c.viteMetadata?.importedCss ?? [])].map((css) => ({
          tag: 'link',
          attrs: { rel: 'stylesheet', crossorigin: true, href: `./${css}` },
          injectTo: 'head' as const,
        })),
      ]);
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
  },
});

export { config as default };
