import { fileURLToPath, URL } from 'node:url';

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// Vendor libraries go into a few long-lived chunks so that an app release does not
// invalidate the browser's copy of Vue or Element Plus.
const vendorChunks: Record<string, RegExp> = {
  'vendor-echarts': /[\\/]node_modules[\\/](echarts|zrender)[\\/]/,
  'vendor-element': /[\\/]node_modules[\\/](element-plus|@element-plus|@vueuse|@floating-ui|@sxzz|@ctrl|dayjs|lodash-es|lodash-unified|async-validator|memoize-one|normalize-wheel-es)[\\/]/,
  'vendor-vue': /[\\/]node_modules[\\/](vue|@vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/,
};

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // vue-i18n feature flags for the esm-bundler build: Composition API only.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    // `npm run dev` talks to a locally running xieli-server; same origin as far as the
    // browser is concerned, so the session cookie works as in production.
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        manualChunks(id) {
          for (const [name, pattern] of Object.entries(vendorChunks)) {
            if (pattern.test(id)) return name;
          }
          return undefined;
        },
      },
    },
  },
  test: {
    // Plain functions, tested in Node; a file that needs a DOM says so in its first line
    // (`// @vitest-environment happy-dom`). A DOM for every file cost the suite ~30 s of its ~60.
    environment: 'node',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});
