import type { Feature } from '../../platform/deps.ts';

export const adminFeature: Feature = () => {};
