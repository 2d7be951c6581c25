/**
 * The workload mix: which products exist, how much stock each gets, and what every checkout
 * asks for. Pure and deterministic for a given seed, so a run can be repeated exactly.
 */

export const SUCCEEDING_METHODS = ['pm_card_visa', 'pm_card_mastercard'] as const;
export const DECLINED_METHOD = 'pm_card_chargeDeclined';
export type BenchPaymentMethod = (typeof SUCCEEDING_METHODS)[number] | typeof DECLINED_METHOD;

export interface MixOptions {
  orders: number;
  seed: number;
  /** Products stocked for every order that wants them. */
  normalProducts: number;
  /** Products with less stock than their demand, so some orders are REJECTED. */
  hotProducts: number;
  /** Share of orders with a line of a hot product. */
  hotShare: number;
  /** Stock of a hot product as a share of the quantity the plan asks of it. */
  hotStockRatio: number;
  /** Share of orders paid with a card that is declined (they end CANCELLED). */
  declineShare: number;
  /** Share of orders submitted twice with the same Idempotency-Key and body. */
  duplicateShare: number;
  maxLines: number;
  maxQuantity: number;
}

export const DEFAULT_MIX: Omit<MixOptions, 'orders' | 'seed'> = {
  normalProducts: 20,
  hotProducts: 2,
  hotShare: 0.1,
  hotStockRatio: 0.5,
  declineShare: 0.05,
  duplicateShare: 0.05,
  maxLines: 3,
  maxQuantity: 3,
};

export interface PlannedLine {
  /** Index into Mix.products. */
  product: number;
  quantity: number;
}

/** `retry`: sent again after the first answer; `concurrent`: both copies in flight at once (a double click). */
export type DuplicateKind = 'none' | 'retry' | 'concurrent';

export interface PlannedOrder {
  seq: number;
  lines: PlannedLine[];
  paymentMethod: BenchPaymentMethod;
  duplicate: DuplicateKind;
  hot: boolean;
}

export interface PlannedProduct {
  index: number;
  hot: boolean;
  priceCents: number;
  /** What the plan asks of this product in all. */
  demand: number;
  initialStock: number;
}

export interface Mix {
  products: PlannedProduct[];
  orders: PlannedOrder[];
}

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** Exactly round(n * share) distinct indices out of n, chosen at random. */
export function pickIndices(random: () => number, n: number, share: number): Set<number> {
  const k = Math.min(n, Math.round(n * share));
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return new Set(all.slice(0, k));
}

export function planMix(options: Partial<MixOptions> & Pick<MixOptions, 'orders' | 'seed'>): Mix {
  const o: MixOptions = { ...DEFAULT_MIX, ...options };
  if (o.orders < 1) throw new Error('orders must be at least 1');
  if (o.normalProducts < o.maxLines) throw new Error('need at least maxLines normal products');
  if (o.hotProducts < 1 && o.hotShare > 0) throw new Error('hotShare needs at least one hot product');
  const random = rng(o.seed);
  const declined = pickIndices(random, o.orders, o.declineShare);
  const duplicated = pickIndices(random, o.orders, o.duplicateShare);
  const hot = pickIndices(random, o.orders, o.hotShare);

  const demand = new Array<number>(o.normalProducts + o.hotProducts).fill(0);
  const orders: PlannedOrder[] = [];
  let duplicates = 0;
  for (let seq = 0; seq < o.orders; seq++) {
    const lines: PlannedLine[] = [];
    const taken = new Set<number>();
    const isHot = hot.has(seq);
    if (isHot) {
      const product = o.normalProducts + int(random, 0, o.hotProducts - 1);
      lines.push({ product, quantity: int(random, 1, 2) });
      taken.add(product);
    }
    const normalLines = isHot ? int(random, 0, 1) : int(random, 1, o.maxLines);
    while (lines.length < (isHot ? 1 : 0) + normalLines) {
      const product = int(random, 0, o.normalProducts - 1);
      if (taken.has(product)) continue;
      taken.add(product);
      lines.push({ product, quantity: int(random, 1, o.maxQuantity) });
    }
    for (const l of lines) demand[l.product] += l.quantity;
    const paymentMethod: BenchPaymentMethod = declined.has(seq) ? DECLINED_METHOD : random() < 0.65 ? 'pm_card_visa' : 'pm_card_mastercard';
    const duplicate: DuplicateKind = duplicated.has(seq) ? (duplicates++ % 2 === 0 ? 'retry' : 'concurrent') : 'none';
    orders.push({ seq, lines, paymentMethod, duplicate, hot: isHot });
  }

  const products: PlannedProduct[] = demand.map((d, index) => {
    const isHot = index >= o.normalProducts;
    return {
      index,
      hot: isHot,
      priceCents: 500 + ((index * 137) % 4500),
      demand: d,
      // Normal products never run out; hot ones hold a share of what is asked of them.
      initialStock: isHot ? Math.max(1, Math.floor(d * o.hotStockRatio)) : d + 10,
    };
  });
  return { products, orders };
}

/** The order's total at the planned prices, for checks that do not trust the server's arithmetic. */
export const plannedTotal = (order: PlannedOrder, products: PlannedProduct[]) =>
  order.lines.reduce((sum, l) => sum + products[l.product].priceCents * l.quantity, 0);
