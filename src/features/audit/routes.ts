import type { Feature } from '../../platform/deps.ts';

export const auditFeature: Feature = () => {};
