/** All the SQL of administration, by what it is about. */
export * from './organisation.ts';
export * from './roles.ts';
export * from './users.ts';
