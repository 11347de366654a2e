// Ring tones made with Web Audio (no sound files to fetch): a ring for an incoming call, a
// quieter ring-back while calling. A browser that blocks sound before the first click stays
// silent; the prompt on screen is what counts.

const PATTERNS = {
  // [frequencies, seconds on, seconds off, gain]
  incoming: [[440, 480], 1.2, 1.8, 0.12],
  ringback: [[425], 1.0, 3.0, 0.05],
};

export class Ringer {
  constructor() {
    this.context = null;
    this.timer = null;
    this.kind = null;
  }

  /** Starts `kind` ('incoming' | 'ringback'); a running tone is replaced. */
  start(kind) {
    if (this.kind === kind) return;
    this.stop();
    this.kind = kind;
    try {
      this.context ??= new AudioContext();
      this.context.resume?.().catch(() => {});
    } catch (e) {
      return; // no Web Audio: ring silently
    }
    const [freqs, on, off, gain] = PATTERNS[kind];
    const beep = () => {
      const ctx = this.context;
      const t = ctx.currentTime;
      const volume = ctx.createGain();
      volume.gain.setValueAtTime(0, t);
      volume.gain.linearRampToValueAtTime(gain, t + 0.05);
      volume.gain.setValueAtTime(gain, t + on - 0.05);
      volume.gain.linearRampToValueAtTime(0, t + on);
      volume.connect(ctx.destination);
      for (const f of freqs) {
        const osc = ctx.createOscillator();
        osc.frequency.value = f;
        osc.connect(volume);
        osc.start(t);
        osc.stop(t + on);
      }
    };
    beep();
    this.timer = setInterval(beep, (on + off) * 1000);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.kind = null;
  }

  /** Frees the audio device; a new start() makes a fresh context. */
  close() {
    this.stop();
    this.context?.close().catch(() => {});
    this.context = null;
  }

  get ringing() {
    return this.kind;
  }
}
