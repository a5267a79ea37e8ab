/** GOV.UK pagination: first, last and the pages next to the current one, with ellipses between. */
export function pagination(page: number, pages: number, href: (n: number) => string) {
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) {
      items.push({ number: n, href: href(n), current: n === page });
    } else if (!('ellipsis' in (items[items.length - 1] ?? {}))) {
      items.push({ ellipsis: true });
    }
  }
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  };
}
