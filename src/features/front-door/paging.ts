/** The front door's lists page PAGE_SIZE rows at a time, the one page size of every list. */
import { PAGE_SIZE } from '../../platform/due.ts';

export interface Paged<T> {
  rows: T[];
  /** 1-based; a page past the last shows no rows. */
  page: number;
  pages: number;
  total: number;
}

/** The rows of a page, for the repository. */
export const sliceOf = (page: number) => ({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

export function paged<T>(rows: T[], page: number, total: number): Paged<T> {
  return { rows, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total };
}
