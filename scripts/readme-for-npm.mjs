// The README that npm shows: npmjs.com resolves a relative link only against
// a `repository` URL, which simloop does not have, so `npm pack` (and publish)
// ships a README whose links to its own files point to that version's files on
// unpkg, which serves every published file. The README in the repository keeps
// its relative links.
//
//   node scripts/readme-for-npm.mjs pack      (prepack) rewrite, keeping the original beside it
//   node scripts/readme-for-npm.mjs restore   (postpack) put the original back
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const README = 'README.md';
const ORIGINAL = '.README.before-pack.md';
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));

function pack() {
  if (existsSync(ORIGINAL)) {
    throw new Error(`${ORIGINAL} exists: an earlier pack did not finish; run "node scripts/readme-for-npm.mjs restore" first`);
  }
  const readme = readFileSync(README, 'utf8');
  const base = `https://unpkg.com/${name}@${version}/`;
  const rewritten = readme.replace(/\]\(([^)\s]+)\)/g, (whole, target) =>
    /^[a-z]+:/i.test(target) || target.startsWith('#') ? whole : `](${base}${target.replace(/^\.\//, '')})`,
  );
  renameSync(README, ORIGINAL);
  writeFileSync(README, rewritten);
}

function restore() {
  if (existsSync(ORIGINAL)) renameSync(ORIGINAL, README);
}

const command = process.argv[2];
if (command === 'pack') pack();
else if (command === 'restore') restore();
else throw new Error(`usage: node scripts/readme-for-npm.mjs pack|restore (got ${JSON.stringify(command)})`);
