import { Init1763900000000 } from './1763900000000-Init';

/** Every migration, in order. synchronize is off everywhere: the schema changes only through these. */
export const MIGRATIONS = [Init1763900000000];
