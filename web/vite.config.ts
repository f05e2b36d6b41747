import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = 'http://localhost:3000';

// Vendor groups change rarely, so they stay cached across releases; page code and echarts
// are left to the default splitting, which puts them into the lazy route chunks that use them.
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 3 },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
  // antd's own components, and apart from them the rc-component primitives and icons they build on.
  { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons[\\/]/, priority: 2 },
  {
    name: 'antd-base',
    test: /node_modules[\\/](@rc-component|rc-[\w-]+|@emotion|dayjs|stylis|classnames|clsx|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|json2mq|string-convert|is-mobile)[\\/]/,
    priority: 1,
  },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design)[\\/]/, priority: 1 },
];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
