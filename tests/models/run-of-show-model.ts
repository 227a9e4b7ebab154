/**
 * The run of show restated as a floor manager keeps it on paper: the cue list, which cue is on air, the flash sale on the
 * board (with how many units it has sold since it began), whether the card is up, and where the show is (rehearsing, on
 * air, over). Shares no code with electron/features/rundown (nor with the catalog, the ledger or the show phases): the
 * hub's reducer, its "Go" and its flash-sale bookkeeping are checked against these few plain rules.
 */

/** Where the show is. */
export type Phase = 'rehearsal' | 'live' | 'ended';

/**
 * What the model says a request did: done, or refused for a reason named like the hub's refusal keys; `refused` is a
 * refusal the hub gives without a key (going live twice, a new show while on air).
 */
export type ShowOutcome =
  | 'done'
  | 'refused'
  | 'cueIdTaken'
  | 'cueMissing'
  | 'cueAlreadyLive'
  | 'cueMovedOn'
  | 'rundownEmpty'
  | 'lastCue'
  | 'firstCue'
  | 'flashNotRunning'
  | 'productMissing'
  | 'showEnded';

/** A cue as the model needs it: its id, the product it sells (null for a segment), and what its Go does to the card. */
export interface ModelCue {
  id: string;
  sku: string | null;
  /** 'show' or 'hide' puts the card up or down when the cue goes live; unset leaves the card as it is. */
  card?: 'show' | 'hide';
}

/** The languages the card is painted in. */
export type CardLanguage = 'zh-CN' | 'en';

/** A flash sale on the board. */
export interface ModelFlash {
  sku: string;
  price: number;
  limit: number | null;
  /** Units of its product paid since it began. */
  soldSince: number;
}

/** What the product card on the stream should say: the live product's price now, whether it is a flash price, in which language. */
export interface ExpectedCard {
  sku: string;
  price: number;
  isFlash: boolean;
  language: CardLanguage;
}

/** The reference run of show. `prices` is the catalog: sku -> regular price in minor units. */
export class RunOfShowModel {
  cues: ModelCue[] = [];
  live: string | null = null;
  phase: Phase = 'rehearsal';
  flash: ModelFlash | null = null;
  isCardOn = true;
  /** A new studio paints the card in Chinese. */
  language: CardLanguage = 'zh-CN';
  /** Cues with time banked from an earlier stint in this show (or rehearsal); going on air forgets them all. */
  banked = new Set<string>();

  constructor(readonly prices: ReadonlyMap<string, number>) {}

  /** Adds a cue at `index` (clamped into the list); a product cue must sell a product in the catalog. */
  add(cue: ModelCue, index: number | undefined): ShowOutcome {
    if (cue.sku !== null && !this.prices.has(cue.sku)) return 'productMissing';
    if (this.cues.some((c) => c.id === cue.id)) return 'cueIdTaken';
    const at = index === undefined ? this.cues.length : Math.min(Math.max(index, 0), this.cues.length);
    this.cues.splice(at, 0, { ...cue });
    return 'done';
  }

  /** Replaces a cue (same id) with new fields; the live cue stays live with its new product. */
  update(cue: ModelCue): ShowOutcome {
    if (cue.sku !== null && !this.prices.has(cue.sku)) return 'productMissing';
    const at = this.cues.findIndex((c) => c.id === cue.id);
    if (at < 0) return 'cueMissing';
    this.cues[at] = { ...cue };
    return 'done';
  }

  /** Moves a cue to position `toIndex` of the list without it (clamped to the end); nothing else changes. */
  move(id: string, toIndex: number): ShowOutcome {
    const at = this.cues.findIndex((c) => c.id === id);
    if (at < 0) return 'cueMissing';
    const [cue] = this.cues.splice(at, 1);
    this.cues.splice(Math.min(toIndex, this.cues.length), 0, cue!);
    return 'done';
  }

  /** Removes a cue: off air if it was live, its banked time forgotten. */
  remove(id: string): ShowOutcome {
    if (!this.cues.some((c) => c.id === id)) return 'cueMissing';
    this.cues = this.cues.filter((c) => c.id !== id);
    this.banked.delete(id);
    if (this.live === id) this.live = null;
    return 'done';
  }

  /** "Go" on a cue: the card goes up or down as the cue says. Nothing goes on air once the show is over. */
  go(id: string): ShowOutcome {
    if (this.phase === 'ended') return 'showEnded';
    if (!this.cues.some((c) => c.id === id)) return 'cueMissing';
    if (this.live === id) return 'cueAlreadyLive';
    if (this.live !== null) this.banked.add(this.live);
    this.live = id;
    const card = this.cues.find((c) => c.id === id)!.card;
    if (card !== undefined) this.isCardOn = card === 'show';
    return 'done';
  }

  /**
   * Next (+1) or previous (-1). `seen` is the cue the sender's window showed live (undefined: not said); when the show
   * is elsewhere the press is refused, so two presses on the same screen move one cue.
   */
  step(direction: 1 | -1, seen?: string | null): ShowOutcome {
    if (this.phase === 'ended') return 'showEnded';
    if (seen !== undefined && seen !== this.live) return 'cueMovedOn';
    if (this.cues.length === 0) return 'rundownEmpty';
    const here = this.live === null ? -1 : this.cues.findIndex((c) => c.id === this.live);
    const target = here < 0 ? (direction === 1 ? this.cues[0] : undefined) : this.cues[here + direction];
    if (!target) return direction === 1 ? 'lastCue' : 'firstCue';
    return this.go(target.id);
  }

  /** Puts a flash sale on the board (replacing any), not for a product nobody sells, not after the show. */
  flashStart(sku: string, price: number, limit: number | null): ShowOutcome {
    if (!this.prices.has(sku)) return 'productMissing';
    if (this.phase === 'ended') return 'showEnded';
    this.flash = { sku, price, limit, soldSince: 0 };
    return 'done';
  }

  /** Takes the flash sale down. */
  flashEnd(): ShowOutcome {
    if (!this.flash) return 'flashNotRunning';
    this.flash = null;
    return 'done';
  }

  /** A paid order of `units` of a product: a limited flash sale on it is over once its units are all sold. */
  order(sku: string, units: number): void {
    const flash = this.flash;
    if (!flash || flash.sku !== sku) return;
    flash.soldSince += units;
    if (flash.limit !== null && flash.soldSince >= flash.limit) this.flash = null;
  }

  /** Shows or hides the card, or changes its language (either left as it is when not said). */
  setCard(change: { isOn?: boolean; language?: CardLanguage }): ShowOutcome {
    if (change.isOn !== undefined) this.isCardOn = change.isOn;
    if (change.language !== undefined) this.language = change.language;
    return 'done';
  }

  /** On air (from rehearsal or after an end): rehearsal time is not the show's, so every cue's time starts again. */
  goLive(): ShowOutcome {
    if (this.phase === 'live') return 'refused';
    this.phase = 'live';
    this.banked.clear();
    return 'done';
  }

  /** The show ends: the live cue's time is kept, nothing stays on air, no sale runs. Ending when not on air does nothing. */
  end(): ShowOutcome {
    if (this.phase !== 'live') return 'done';
    if (this.live !== null) this.banked.add(this.live);
    this.live = null;
    this.flash = null;
    this.phase = 'ended';
    return 'done';
  }

  /** A new show (not while on air): rehearsing again; the cue list stays. */
  newShow(): ShowOutcome {
    if (this.phase === 'live') return 'refused';
    this.phase = 'rehearsal';
    return 'done';
  }

  /** The card viewers should see: the live product at its price now, or nothing (card down, no product live). */
  card(): ExpectedCard | null {
    const cue = this.cues.find((c) => c.id === this.live);
    if (!this.isCardOn || !cue || cue.sku === null) return null;
    const onFlash = this.flash !== null && this.flash.sku === cue.sku;
    return { sku: cue.sku, price: onFlash ? this.flash!.price : this.prices.get(cue.sku)!, isFlash: onFlash, language: this.language };
  }
}
