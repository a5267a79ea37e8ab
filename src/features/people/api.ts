/** /api/v1/people: search, read, create, update with the version read (409 when stale). */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { formatPostcode } from '../../platform/identifiers.ts';
import { ageOf } from './format.ts';
import { personIdOf } from './http.ts';
import { parseDobString, searchPeople } from './search.ts';
import {
  createPerson,
  getPersonForEdit,
  getPersonRecord,
  updatePerson,
  type PersonRecord,
} from './service.ts';
import { apiCreateSchema, apiPatchSchema, apiSearchSchema, checkApiPerson } from './api-schemas.ts';
import type { PersonInput } from './schemas.ts';

const TAG = 'People';

/** A record as the API shows it (camel case, dates as ISO strings). */
export function recordJson(r: PersonRecord) {
  const p = r.person;
  return {
    id: p.id,
    kind: p.kind,
    unborn: p.unborn,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    expectedDate: p.expectedDate,
    age: ageOf(p.dateOfBirth, p.unborn),
    sex: p.sex,
    ethnicity: p.ethnicity,
    nhsNumber: p.nhsNumber,
    upn: p.upn,
    councilId: p.councilId,
    restricted: p.restricted,
    version: p.version,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    access: { basis: r.access.basis },
    names: r.names.map((n) => ({ id: n.id, kind: n.kind, givenName: n.givenName, familyName: n.familyName })),
    addresses: r.addresses,
    relationships: r.relationships.map((x) => ({
      id: x.id,
      kind: x.kind,
      label: x.label,
      fromDate: x.fromDate,
      toDate: x.toDate,
      person: x.other,
    })),
    households: r.households,
    involvements: r.involvements,
  };
}

export async function personApi(app: FastifyInstance): Promise<void> {
  {
    const api = app;
    apiRoute(api, {
      method: 'GET',
      url: '/api/v1/people',
      summary:
        'Search people by name (typos and sound-alikes), partial date of birth, identifier or postcode',
      tag: TAG,
      query: apiSearchSchema,
      handler: async ({ db, actor, query }) =>
        searchPeople(db, actor, {
          name: query.name,
          identifier: query.identifier,
          postcode: query.postcode,
          dob: query.dob ? parseDobString(query.dob) : undefined,
        }),
    });

    apiRoute(api, {
      method: 'GET',
      url: '/api/v1/people/:id',
      summary: "A person's record: names, addresses, relationships, households, involvements",
      tag: TAG,
      handler: async ({ db, actor, params }) =>
        recordJson(await getPersonRecord(db, actor, personIdOf(params))),
    });

    apiRoute(api, {
      method: 'POST',
      url: '/api/v1/people',
      summary: "Create a person; the caller's team gets an open involvement",
      tag: TAG,
      body: apiCreateSchema,
      responses: { 201: 'Created: the record, with its version' },
      handler: async ({ db, actor, body, reply }) => {
        const { address, ...fields } = body;
        const input = checkApiPerson({
          ...fields,
          dateOfBirth: fields.dateOfBirth ?? null,
          expectedDate: fields.expectedDate ?? null,
          ethnicity: fields.ethnicity ?? null,
        });
        const id = await createPerson(
          db,
          actor,
          input,
          address
            ? {
                line1: address.line1,
                line2: address.line2 ?? null,
                town: address.town ?? null,
                postcode: formatPostcode(address.postcode),
                fromDate: address.fromDate ?? null,
                toDate: null,
                current: true,
              }
            : null,
        );
        reply.status(201).header('location', `/api/v1/people/${id}`);
        return recordJson(await getPersonRecord(db, actor, id));
      },
    });

    apiRoute(api, {
      method: 'PATCH',
      url: '/api/v1/people/:id',
      summary: 'Change a person; send the version you read (409 when someone changed it since)',
      tag: TAG,
      body: apiPatchSchema,
      responses: { 200: 'The record as saved', 409: 'Changed by someone else since the version sent' },
      handler: async ({ db, actor, params, body }) => {
        const id = personIdOf(params);
        const current = await getPersonForEdit(db, actor, id);
        const { version, ...changes } = body;
        const merged: PersonInput = { ...current };
        for (const [k, v] of Object.entries(changes)) if (v !== undefined) Object.assign(merged, { [k]: v });
        const input = checkApiPerson({
          ...merged,
          nhsNumber: merged.nhsNumber,
          upn: merged.upn,
          councilId: merged.councilId,
        });
        await updatePerson(db, actor, id, version, input);
        return recordJson(await getPersonRecord(db, actor, id));
      },
    });
  }
}
