import type { Migration } from 'kysely/migration';
import * as foundation from './0001_foundation.ts';
import * as registry from './0002_registry.ts';
import * as inspections from './0003_inspections.ts';
import * as complaints from './0004_complaints.ts';
import * as supervisions from './0005_supervisions.ts';
import * as fieldwork from './0006_fieldwork.ts';
import * as users from './0007_users.ts';
import * as installationJobs from './0008_installation_jobs.ts';
import * as loginThrottles from './0009_login_throttles.ts';
import * as parameters from './0010_parameters.ts';
import * as documentRegister from './0011_document_register.ts';

/** Every migration in order; forward-only, names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_registry': registry,
  '0003_inspections': inspections,
  '0004_complaints': complaints,
  '0005_supervisions': supervisions,
  '0006_fieldwork': fieldwork,
  '0007_users': users,
  '0008_installation_jobs': installationJobs,
  '0009_login_throttles': loginThrottles,
  '0010_parameters': parameters,
  '0011_document_register': documentRegister,
};
