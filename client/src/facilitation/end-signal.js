/**
 * The gentle signal at the end of a countdown: a soft tone, a short buzz on phones.
 * @module facilitation/end-signal
 */

/** @type {AudioContext | null} */
let audio = null

/**
 * Whether the page may make a sound: browsers allow audio only after a tap or a key press.
 * @returns {boolean}
 */
const mayPlay = () => {
  const activation = /** @type {{ userActivation?: { hasBeenActive: boolean } }} */ (navigator).userActivation
  return activation?.hasBeenActive === true
}

/**
 * Two soft notes, rising, each fading in and out (no click), quiet enough for a meeting room.
 * @param {AudioContext} context
 */
const playChime = (context) => {
  const start = context.currentTime + 0.05
  ;[[660, 0], [880, 0.28]].forEach(([frequency, offset]) => {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    gain.gain.setValueAtTime(0, start + offset)
    gain.gain.linearRampToValueAtTime(0.12, start + offset + 0.04)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.6)
    oscillator.connect(gain).connect(context.destination)
    oscillator.start(start + offset)
    oscillator.stop(start + offset + 0.65)
  })
}

/**
 * Play the end signal where the device allows it; never throws (a signal is a courtesy).
 */
export const signalEnd = () => {
  if (typeof navigator.vibrate === 'function' && matchMedia('(pointer: coarse)').matches) {
    try {
      navigator.vibrate([120, 80, 120])
    } catch {
      // Some browsers refuse without a recent tap; the visual signal remains.
    }
  }
  if (!mayPlay() || typeof AudioContext === 'undefined') return
  try {
    audio = audio || new AudioContext()
    const context = audio
    if (context.state === 'suspended') {
      context.resume().then(() => playChime(context), () => {})
    } else {
      playChime(context)
    }
  } catch (error) {
    console.info('tavle: no end tone', error)
  }
}
