import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { rendererChunking } from './chunks.config';

// Builds the renderer alone, mirroring the renderer section of electron.vite.config.ts.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, '../out/renderer'),
    emptyOutDir: true,
    rolldownOptions: {
      input: resolve(__dirname, 'index.html'),
      output: { codeSplitting: rendererChunking },
    },
  },
});
