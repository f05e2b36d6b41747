// The server under test of the API load run, in its own process: what `npm start` runs (server/src/main.ts through
// tsx: migrate, seed what is missing, listen), without building the web app, which the load does not ask for.
// scripts/bench/api-load.mjs starts it with the environment of the run and stops it with SIGTERM.
import { register } from 'tsx/esm/api';

register();
await import('../../server/src/main.ts');
