// a set of 64-bit fingerprints in two typed arrays (open addressing): remembers a million ID numbers in 16 MB where a
// Set of strings would take well over 100 MB. It only finds candidates: a hit is confirmed exactly in SQL.
export class FingerprintSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private count = 0;

  /** adds the fingerprint of a hex digest (its first 16 digits); true when it was (probably) there already */
  addHex(hex: string): boolean {
    const h = parseInt(hex.slice(0, 8), 16) >>> 0;
    const l = (parseInt(hex.slice(8, 16), 16) >>> 0) || 1; // 0/0 marks an empty slot
    if (this.count * 2 >= this.lo.length) this.grow();
    return this.insert(h, l);
  }

  get size(): number {
    return this.count;
  }

  private insert(h: number, l: number): boolean {
    const mask = this.lo.length - 1;
    for (let i = (l ^ h) & mask; ; i = (i + 1) & mask) {
      if (this.lo[i] === 0 && this.hi[i] === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.count++;
        return false;
      }
      if (this.lo[i] === l && this.hi[i] === h) return true;
    }
  }

  private grow(): void {
    const [hi, lo] = [this.hi, this.lo];
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.count = 0;
    for (let i = 0; i < lo.length; i++) if (lo[i] !== 0 || hi[i] !== 0) this.insert(hi[i], lo[i]);
  }
}
