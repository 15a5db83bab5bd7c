/**
 * Tavle's browser entry point: read the page's configuration and start its page.
 * @module main
 */

import { readConfig } from './config.js'
import { loadCatalog } from './i18n.js'
import { startBoardPage } from './pages/board.js'
import { startCreatedPage } from './pages/created.js'
import { startHomePage } from './pages/home.js'
import { startJoinPage } from './pages/join.js'
import { startJoinScreen } from './pages/join-screen.js'
import { startHistoryPage } from './history/index.js'
import { startLibraryPage } from './library/index.js'
import { startProgrammePage } from './pages/programme.js'
import { deleteOfflineCopy } from './sync/connection.js'
import { forgetBoard } from './sync/storage.js'
import { createAnnouncer } from './ui/announcer.js'
import { setUpCopyButtons } from './ui/copy.js'

const config = readConfig(document)
loadCatalog(config.lang)
const announce = createAnnouncer(document)
setUpCopyButtons(document, announce)

switch (document.body.dataset.page || config.page) {
  case 'home':
    startHomePage(document, config, announce)
    break
  case 'created':
    startCreatedPage(config)
    break
  case 'join':
    startJoinPage(document)
    break
  case 'board':
    // A read-only link (role `viewer`) gets the board without editing chrome; the server
    // undoes any edit anyway (docs/protocol.md, read-only link).
    startBoardPage(document, config.me?.role === 'viewer' ? { ...config, view: 'present' } : config, announce)
    break
  case 'library':
    startLibraryPage(document, config, announce)
    break
  case 'history':
    startHistoryPage(document, config, announce)
    break
  case 'programme':
    startProgrammePage(document, config)
    break
  case 'join_screen':
    startJoinScreen(document, /** @type {{ people_url?: unknown }} */ (/** @type {unknown} */ (config)))
    break
  case 'error':
    if (typeof config.forgetBoard === 'string' && config.forgetBoard !== '') {
      // The board is gone (deleted while this device was away): keep nothing of it here.
      deleteOfflineCopy(config.forgetBoard, null)
      forgetBoard(config.forgetBoard)
    }
    break
  default:
    // Unknown pages only need the copy buttons.
    break
}
