// `npm start`: builds the web app if needed, then runs the server (migrates, seeds the demo on first start, listens).
import { register } from 'tsx/esm/api';
import { ensureWebBuild } from './web-build.mjs';

ensureWebBuild();
register();
await import('../server/src/main.ts');
