/**
 * The one form every lifecycle takes (orders, payments, shipments, returns, disputes, reservations):
 * a table of states, the transitions between them and the states nothing leaves. Services decide
 * with `next()`, which answers null for a trigger that does not apply: that is how a late, repeated
 * or out-of-order event becomes a no-op. What a UI may offer, which states are final and what the
 * tests wait for are read from the table, never from copies of it.
 */
export interface TransitionRule<S extends string, T extends string, E extends string> {
  trigger: T;
  from: readonly S[];
  to: S;
  /** The event this transition publishes, if any. */
  emits?: E;
  /** The reason recorded with the new state (`payment_declined`). */
  reason?: string;
}

export interface MachineSpec<S extends string, T extends string, E extends string> {
  name: string;
  states: readonly S[];
  /** Where a new instance may start. */
  initial: readonly S[];
  /** States nothing leaves. */
  terminal: readonly S[];
  triggers: readonly T[];
  transitions: readonly TransitionRule<S, T, E>[];
}

export interface StateMachine<S extends string, T extends string, E extends string = string> {
  readonly spec: MachineSpec<S, T, E>;
  /** The transition a trigger takes from a state, or null when it does not apply there. */
  next(from: S, trigger: T): TransitionRule<S, T, E> | null;
  can(from: S, trigger: T): boolean;
  /** The triggers that apply in a state: the actions a screen may offer. */
  triggersFrom(from: S): T[];
  /** The states a trigger applies in. */
  sources(trigger: T): S[];
  isTerminal(state: S): boolean;
  /** Throws, naming each defect, unless every state is reachable and every trigger and state is defined. */
  check(): void;
}

export function defineStateMachine<const S extends string, const T extends string, const E extends string = never>(
  spec: MachineSpec<S, T, E>,
): StateMachine<S, T, E> {
  const byTrigger = new Map<T, Map<S, TransitionRule<S, T, E>>>();
  for (const rule of spec.transitions) {
    const from = byTrigger.get(rule.trigger) ?? new Map<S, TransitionRule<S, T, E>>();
    byTrigger.set(rule.trigger, from);
    for (const state of rule.from) if (!from.has(state)) from.set(state, rule);
  }
  const terminal = new Set<S>(spec.terminal);
  return {
    spec,
    next: (from, trigger) => byTrigger.get(trigger)?.get(from) ?? null,
    can: (from, trigger) => byTrigger.get(trigger)?.has(from) ?? false,
    triggersFrom: (from) => spec.triggers.filter((t) => byTrigger.get(t)?.has(from)),
    sources: (trigger) => [...(byTrigger.get(trigger)?.keys() ?? [])],
    isTerminal: (state) => terminal.has(state),
    check: () => {
      const defects = machineDefects(spec);
      if (defects.length) throw new Error(`state machine ${spec.name}: ${defects.join('; ')}`);
    },
  };
}

/** What is wrong with a table: what `check()` reports, listed so a test can name each defect. */
export function machineDefects<S extends string, T extends string, E extends string>(spec: MachineSpec<S, T, E>): string[] {
  const states = new Set<string>(spec.states);
  const triggers = new Set<string>(spec.triggers);
  const defects: string[] = [];
  const unknownState = (s: string, where: string) => !states.has(s) && defects.push(`undefined state ${s} in ${where}`);
  spec.initial.forEach((s) => unknownState(s, 'initial'));
  spec.terminal.forEach((s) => unknownState(s, 'terminal'));
  const seen = new Set<string>();
  for (const rule of spec.transitions) {
    const where = `transition ${rule.trigger}`;
    if (!triggers.has(rule.trigger)) defects.push(`undefined trigger ${rule.trigger}`);
    rule.from.forEach((s) => unknownState(s, where));
    unknownState(rule.to, where);
    for (const from of rule.from) {
      if (spec.terminal.includes(from)) defects.push(`${where} leaves terminal state ${from}`);
      const key = `${rule.trigger}:${from}`;
      if (seen.has(key)) defects.push(`${where} is defined twice from ${from}`);
      seen.add(key);
    }
  }
  for (const t of spec.triggers) if (!spec.transitions.some((r) => r.trigger === t)) defects.push(`trigger ${t} has no transition`);
  const reachable = new Set<string>(spec.initial);
  for (let grew = true; grew;) {
    grew = false;
    for (const rule of spec.transitions) {
      if (rule.from.some((s) => reachable.has(s)) && !reachable.has(rule.to)) {
        reachable.add(rule.to);
        grew = true;
      }
    }
  }
  for (const s of spec.states) if (!reachable.has(s)) defects.push(`unreachable state ${s}`);
  for (const s of spec.states) {
    const leaves = spec.transitions.some((r) => r.from.includes(s) && r.to !== s);
    if (!leaves && !spec.terminal.includes(s)) defects.push(`state ${s} is a dead end but not terminal`);
  }
  return defects;
}
