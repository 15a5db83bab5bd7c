// Two stock Yjs clients (yjs 13.6 + y-websocket 3.1, from client/node_modules) on one
// Tavle board: they sync a map and a text and see each other's presence. A third client
// with a wrong token must stop reconnecting after the server's 4401.
// Usage: node interop.cjs WS_BASE BOARD_ID TOKEN_A TOKEN_B
'use strict'
const Y = require('yjs')
const { WebsocketProvider } = require('y-websocket')
const WebSocket = require('ws')

const [wsBase, boardId, tokenA, tokenB] = process.argv.slice(2)
const TIMEOUT_MS = 10000

function client (token, name) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBase, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket,
    disableBc: true
  })
  provider.awareness.setLocalStateField('user', { name, color: '#1d4f91' })
  return { doc, provider }
}

function until (what, check, emitter, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for ' + what)), TIMEOUT_MS)
    const test = () => {
      if (check()) {
        clearTimeout(timer)
        emitter.off(event, test)
        resolve()
      }
    }
    emitter.on(event, test)
    test()
  })
}

async function main () {
  const a = client(tokenA, 'Anne')
  const b = client(tokenB, 'Bent')
  await until('a synced', () => a.provider.synced, a.provider, 'sync')
  await until('b synced', () => b.provider.synced, b.provider, 'sync')

  const note = new Y.Map()
  note.set('text', 'Borgeren først')
  note.set('created', Date.now())
  a.doc.getMap('notes').set('n-from-node', note)
  const reply = new Y.Map()
  reply.set('text', 'Vi leder på tværs')
  reply.set('created', Date.now())
  b.doc.getMap('notes').set('n-from-bent', reply)

  await until('b sees the note', () => b.doc.getMap('notes').has('n-from-node'), b.doc, 'update')
  await until('a sees the reply', () => a.doc.getMap('notes').has('n-from-bent'), a.doc, 'update')

  const names = (awareness) => [...awareness.getStates().values()].map((s) => s.user && s.user.name).filter(Boolean).sort()
  await until('a sees Bent', () => names(a.provider.awareness).includes('Bent'), a.provider.awareness, 'change')
  await until('b sees Anne', () => names(b.provider.awareness).includes('Anne'), b.provider.awareness, 'change')

  // One presence change makes a handful of messages, not an endless loop: a server that
  // renumbers a client's own entry makes y-protocols adopt the clock and re-send it.
  // A third client joining renumbers the others' entries for it (a snapshot), which
  // is what used to start the loop.
  const c = client(tokenA, 'Carl')
  await until('c synced', () => c.provider.synced, c.provider, 'sync')
  await until('c sees Bent', () => names(c.provider.awareness).includes('Bent'), c.provider.awareness, 'change')
  let updatesA = 0
  let updatesB = 0
  a.provider.awareness.on('update', () => { updatesA++ })
  b.provider.awareness.on('update', () => { updatesB++ })
  b.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const presenceUpdatesIn1s = updatesA + updatesB
  c.provider.destroy()

  // B leaves: A must see Bent go.
  b.provider.destroy()
  await until('a sees Bent leave', () => !names(a.provider.awareness).includes('Bent'), a.provider.awareness, 'change')

  // A wrong token: the server closes with 4401 and the stock client stops retrying.
  const bad = client('not-a-token', 'Mallory')
  let attempts = 0
  bad.provider.on('status', ({ status }) => { if (status === 'connecting') attempts++ })
  const closed = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no closed event')), TIMEOUT_MS)
    bad.provider.on('closed', (event) => { clearTimeout(timer); resolve(event) })
  })
  // Proving that no retry follows needs a pause longer than the provider's backoff.
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const result = {
    note: b.doc.getMap('notes').get('n-from-node').get('text'),
    text: a.doc.getMap('notes').get('n-from-bent').get('text'),
    closedCode: closed.code,
    presenceUpdatesIn1s,
    retriesAfterClose: attempts,
    shouldConnect: bad.provider.shouldConnect
  }
  a.provider.destroy()
  bad.provider.destroy()
  console.log(JSON.stringify(result))
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
