import { describe, expect, it } from 'vitest';
import { decideInstallationKind, type InstallationSetting } from './installation.ts';

describe('the installation kind: a demo only for the data directory npm start creates itself, or when asked for', () => {
  it.each<[string, InstallationSetting, 'demo' | 'production']>([
    ['npm start on a data directory it creates, nothing configured', { by: 'server', seedDemo: undefined, isNewDataDirectory: true }, 'demo'],
    ['npm start on a data directory that existed already', { by: 'server', seedDemo: undefined, isNewDataDirectory: false }, 'production'],
    ['npm start with DATABASE_URL (never a new data directory)', { by: 'server', seedDemo: undefined, isNewDataDirectory: false }, 'production'],
    ['npm start with SEED_DEMO=true on an existing data directory or PostgreSQL', { by: 'server', seedDemo: true, isNewDataDirectory: false }, 'demo'],
    ['npm start with SEED_DEMO=false on a new data directory', { by: 'server', seedDemo: false, isNewDataDirectory: true }, 'production'],
    ['db seed on a fresh database', { by: 'db seed', seedDemo: undefined }, 'production'],
    ['db seed with SEED_DEMO=true', { by: 'db seed', seedDemo: true }, 'demo'],
    ['db seed with SEED_DEMO=false', { by: 'db seed', seedDemo: false }, 'production'],
    ['demo seed', { by: 'demo seed' }, 'demo'],
  ])('%s → %s', (_case, setting, kind) => {
    const decided = decideInstallationKind(setting);
    expect(decided.kind).toBe(kind);
    expect(decided.reason).toMatch(/[\u4e00-\u9fff]/u);
  });
});
