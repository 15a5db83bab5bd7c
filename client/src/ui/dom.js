/**
 * Small DOM helpers shared by the views.
 * @module ui/dom
 */

// DOM ids come from one counter for the page, whichever view makes them: item ids come
// from other clients.
let sequence = 0

/**
 * A fresh DOM id with `prefix`.
 * @param {string} prefix
 * @returns {string}
 */
export const domId = (prefix) => {
  sequence += 1
  return `${prefix}-${sequence}`
}

/**
 * Create an element with attributes and children; strings become text nodes, never HTML.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean>} [attributes] `false` leaves the attribute out
 * @param {Array<Node | string>} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export const h = (tag, attributes = {}, children = []) => {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '')
    else if (value !== false) element.setAttribute(name, value)
  }
  element.append(...children)
  return element
}

/**
 * Find the first element matching `selector` under `root`, or `null`.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement | null}
 */
export const find = (root, selector) => root.querySelector(selector)

/**
 * Find `selector` under `root`, or create it with `create` and append it to `root`.
 * @param {HTMLElement} root
 * @param {string} selector
 * @param {() => HTMLElement} create
 * @returns {HTMLElement}
 */
export const findOrCreate = (root, selector, create) => {
  const existing = find(root, selector)
  if (existing !== null) return existing
  const created = create()
  root.append(created)
  return created
}

/**
 * Wrap `render` so that many calls within one frame render once, before the next paint.
 * @param {() => void} render
 * @returns {() => void} schedule a render
 */
export const renderOncePerFrame = (render) => {
  let scheduled = false
  return () => {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      render()
    })
  }
}
