import { Foundation1764230000000 } from './1764230000000-Foundation';

// registered as classes, not globs: the same list runs on SQLite and MariaDB
export const MIGRATIONS = [Foundation1764230000000];
