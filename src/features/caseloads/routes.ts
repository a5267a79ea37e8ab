import type { Feature } from '../../platform/deps.ts';

export const caseloadsFeature: Feature = () => {};
