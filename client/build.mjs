// Bundle client/src/main.js into server/static/tavle.js (committed, so that installing the
// server needs no Node). Usage: node build.mjs [--outfile PATH]
//
// The output is deterministic: a test rebuilds into a temporary folder and compares bytes.

import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const CLIENT_DIR = path.dirname(fileURLToPath(import.meta.url))
const DEFAULT_OUTFILE = path.join(CLIENT_DIR, '..', 'server', 'static', 'tavle.js')

// Importing Yjs twice breaks it (its types are checked with `instanceof`), so y-websocket,
// y-indexeddb and our code must share one copy of these packages.
const SINGLE_COPY_PACKAGES = ['yjs', 'lib0', 'y-protocols']

/**
 * Read `--outfile PATH` (or `--outfile=PATH`) from the command line.
 * @param {string[]} args
 * @returns {string}
 */
const parseOutfile = (args) => {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]
    if (arg === '--outfile') {
      if (!args[index + 1]) throw new Error('--outfile needs a PATH')
      return path.resolve(args[index + 1])
    }
    if (arg.startsWith('--outfile=')) return path.resolve(arg.slice('--outfile='.length))
    throw new Error(`unknown argument ${arg}; usage: node build.mjs [--outfile PATH]`)
  }
  return DEFAULT_OUTFILE
}

/**
 * Fail when a package in SINGLE_COPY_PACKAGES was bundled from more than one folder.
 * @param {import('esbuild').Metafile} metafile
 */
const checkSingleCopies = (metafile) => {
  for (const name of SINGLE_COPY_PACKAGES) {
    const marker = `node_modules/${name}/`
    const roots = new Set(
      Object.keys(metafile.inputs)
        .filter((input) => input.includes(marker))
        .map((input) => input.slice(0, input.lastIndexOf(marker) + marker.length))
    )
    if (roots.size > 1) {
      throw new Error(`${name} is bundled from ${roots.size} copies: ${[...roots].join(', ')}`)
    }
  }
}

const outfile = parseOutfile(process.argv.slice(2))
const result = await build({
  absWorkingDir: CLIENT_DIR,
  entryPoints: ['src/main.js'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning'
})
checkSingleCopies(result.metafile)
console.log(`built ${path.relative(process.cwd(), outfile) || outfile}`)
