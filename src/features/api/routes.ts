import type { Feature } from '../../platform/deps.ts';
import { openApiDocument } from '../../platform/http/api.ts';

/** Registered last, so the document lists every feature's API routes. */
export const apiDocsFeature: Feature = (app, { config }) => {
  app.get('/api/openapi.json', { config: { public: true } }, async () => openApiDocument(config.PUBLIC_URL));
};
