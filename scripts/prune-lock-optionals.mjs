// The registry these machines reach serves only the Linux x64 builds of packages that ship
// platform binaries (e.g. @swc/core-darwin-arm64 is a 404), so `npm install` leaves them out of
// package-lock.json while still listing them as optional dependencies, and `npm ci` then refuses
// the lockfile as out of sync. This removes only those dangling optional edges.
// Run after any `npm install`: `node scripts/prune-lock-optionals.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8'));
const present = new Set(Object.keys(lock.packages));
let pruned = 0;
/** Lock locations npm would look in for `name` when resolving it from `location`. */
function candidates(location, name) {
  const found = [];
  let base = location;
  for (;;) {
    found.push(`${base ? `${base}/` : ''}node_modules/${name}`);
    if (base === '') return found;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

for (const [location, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  const kept = Object.entries(entry.optionalDependencies).filter(([name]) =>
    candidates(location, name).some((c) => present.has(c)),
  );
  pruned += Object.keys(entry.optionalDependencies).length - kept.length;
  entry.optionalDependencies = Object.fromEntries(kept);
  if (kept.length === 0) delete entry.optionalDependencies;
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`pruned ${pruned} optional dependencies that the registry does not serve`);
