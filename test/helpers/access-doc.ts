/**
 * The access tables of docs/access.md, read from the document itself, so that the access tests
 * derive what they expect from what is written down and not from the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/access.md');

/**
 * The rows of the markdown table whose header row starts with these headers (`route | part`), as
 * header → cell.
 */
function table(markdown: string, firstHeaders: string): Record<string, string>[] {
  const lines = markdown.split('\n');
  const heads = firstHeaders.split('|').map((h) => h.trim());
  const start = lines.findIndex((l) => {
    const cells = l
      .trim()
      .replace(/^\|/, '')
      .split('|')
      .map((c) => c.trim());
    return l.startsWith('|') && heads.every((h, i) => cells[i] === h);
  });
  if (start < 0) throw new Error(`docs/access.md has no table starting with "${firstHeaders}"`);
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim().replace(/^`|`$/g, ''));
  const headers = cells(lines[start]!);
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const values = cells(line);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ''])));
  }
  return rows;
}

export const DOC_PARTS = ['record', 'chronology', 'casework'] as const;
export type DocPart = (typeof DOC_PARTS)[number];

/** The relationships as the document names them (column headers of the role table). */
export const DOC_RELATIONSHIPS = [
  'allocation',
  'team allocation',
  'waiting team',
  'team involvement',
  'agency involvement',
  'MASH contact',
  'linked child',
  'break-glass',
  'scrutiny',
  'audit sample',
  'early help',
] as const;
export type DocRelationship = (typeof DOC_RELATIONSHIPS)[number];

export interface AccessDoc {
  /** For each role: the parts it reads and the relationships that admit it. */
  roles: Map<string, { parts: Set<DocPart>; relationships: Set<DocRelationship>; api: boolean }>;
  /** The routes that show a child's data: method, path pattern (a trailing * matches the rest), part. */
  routes: { method: string; pattern: string; part: DocPart }[];
}

export function readAccessDoc(): AccessDoc {
  const md = fs.readFileSync(DOC, 'utf8');
  const roles: AccessDoc['roles'] = new Map();
  for (const row of table(md, 'role | record')) {
    const yes = (h: string) => {
      const v = row[h];
      if (v !== 'yes' && v !== 'no') throw new Error(`docs/access.md: ${row.role} "${h}" is "${v}"`);
      return v === 'yes';
    };
    roles.set(row.role!, {
      parts: new Set(DOC_PARTS.filter(yes)),
      relationships: new Set(DOC_RELATIONSHIPS.filter(yes)),
      api: yes('API'),
    });
  }
  const routes = table(md, 'route | part').map((row) => {
    const [method, pattern] = row.route!.split(' ');
    const part = row.part as DocPart;
    if (!DOC_PARTS.includes(part)) throw new Error(`docs/access.md: route ${row.route} has part "${part}"`);
    return { method: method!, pattern: pattern!, part };
  });
  return { roles, routes };
}

/** The part a route reads according to the document, or undefined when it is not in the table. */
export function partOfRoute(doc: AccessDoc, method: string, url: string): DocPart | undefined {
  for (const r of doc.routes) {
    if (r.method !== method) continue;
    if (r.pattern === url) return r.part;
    if (r.pattern.endsWith('/*') && url.startsWith(r.pattern.slice(0, -1))) return r.part;
  }
  return undefined;
}

/** Whether one of the roles may hold API tokens (the API column). */
export function docApi(doc: AccessDoc, roles: readonly string[]): boolean {
  return roles.some((r) => doc.roles.get(r)?.api);
}

/**
 * Whether the document admits a user with these roles to a part through a relationship. The MASH
 * contact relationship holds only in the council's MASH hub, as the relationship table says.
 */
export function docAdmits(
  doc: AccessDoc,
  roles: readonly string[],
  part: DocPart,
  relationship: DocRelationship,
): boolean {
  return roles.some((r) => {
    const row = doc.roles.get(r);
    if (!row) throw new Error(`docs/access.md has no row for the role ${r}`);
    return row.parts.has(part) && row.relationships.has(relationship);
  });
}

/** The permissions table: each permission and the roles that hold it. */
export function readPermissionTable(): Map<string, Set<string>> {
  const md = fs.readFileSync(DOC, 'utf8');
  return new Map(
    table(md, 'permission | roles').map((row) => [
      row.permission!,
      new Set([...(row.roles ?? '').matchAll(/(\w+)/g)].map((m) => m[1]!).filter((r) => r !== 'nobody')),
    ]),
  );
}

/**
 * The pages that need a permission only: method, path pattern, and the permissions any one of
 * which opens it (a cell may say "`training.book` or `assurance.read`").
 */
export function readPermissionRoutes(): { method: string; url: string; permissions: string[] }[] {
  const md = fs.readFileSync(DOC, 'utf8');
  return table(md, 'route | permission').map((row) => {
    const [method, url] = row.route!.split(' ');
    const permissions = row.permission!.split(/`?\s+or\s+`?/).map((p) => p.trim());
    return { method: method!, url: url!, permissions };
  });
}
