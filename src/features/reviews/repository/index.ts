/** The practice reviews' SQL, in three files; the feature imports it as one. */
export * from './reviews.ts';
export * from './people.ts';
export * from './work.ts';
