// electron-vite: builds the Electron main process, the sandboxed preload (CommonJS, as sandboxed
// preloads require) and the React renderer into out/.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          main: resolve(import.meta.dirname, 'src-main/electron/main.ts'),
          'core-process': resolve(import.meta.dirname, 'src-main/station/core-process.ts'),
          // The print room's worker thread (src-main/print/print-room.ts finds it beside itself).
          'print-worker': resolve(import.meta.dirname, 'src-main/print/print-worker.ts'),
        },
        output: { format: 'es' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(import.meta.dirname, 'src-preload/electron/preload.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rolldownOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
});
