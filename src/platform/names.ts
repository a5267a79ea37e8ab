/**
 * Name normalisation for search and matching: lower case, accents removed, letters only
 * ("O'Brien-Smith" becomes "obriensmith"). The phonetic key is computed in SQL with dmetaphone().
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
