import type { Feature } from '../../platform/deps.ts';

export const caseworkFeature: Feature = () => {};
