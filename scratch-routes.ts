import { testApp } from '/work/main/test/helpers/app.ts';
const t = await testApp();
for (const r of t.app.routeTable) console.log(r.method, r.url, r.public ? 'public' : '');
await t.close();
