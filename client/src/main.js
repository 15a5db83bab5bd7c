/**
 * Tavle's browser entry point: read the page's configuration and start its page.
 * @module main
 */

import { createAnnouncer } from './announcer.js'
import { startBoardPage } from './board.js'
import { readConfig } from './config.js'
import { deleteOfflineCopy } from './connection.js'
import { setUpCopyButtons } from './copy.js'
import { startCreatedPage } from './created.js'
import { startHistoryPage } from './history/index.js'
import { startHomePage } from './home.js'
import { setMessages } from './i18n.js'
import { startJoinPage } from './join.js'
import { startJoinScreen } from './join-screen.js'
import { startLibraryPage } from './library/index.js'
import { forgetBoard } from './storage.js'

const config = readConfig(document)
setMessages(config.messages)
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
