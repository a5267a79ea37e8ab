/**
 * The dataset's measures, one module per area. An area the partnership records later adds its module
 * here; the pages, the CSV and the yearly report list what is here.
 */
import { assurance } from './assurance.ts';
import { casework } from './casework.ts';
import { earlyHelp } from './early-help.ts';
import { frontDoor } from './front-door.ts';
import { practice } from './practice.ts';
import { reviews } from './reviews.ts';
import type { Measure, MeasureArea } from './types.ts';

export const AREAS: readonly MeasureArea[] = [frontDoor, casework, practice, earlyHelp, assurance, reviews];

export const MEASURES: ReadonlyMap<string, Measure> = new Map(
  AREAS.flatMap((a) => a.measures.map((m) => [m.key, m] as const)),
);

export type { Breakdown, Measure, MeasureArea, MeasureKind } from './types.ts';
