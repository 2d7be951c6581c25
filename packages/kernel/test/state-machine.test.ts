import { describe, expect, it } from 'vitest';
import { defineStateMachine, machineDefects, type MachineSpec } from '../src/state-machine.ts';

const door = {
  name: 'door',
  states: ['OPEN', 'CLOSED', 'LOCKED', 'GONE'],
  initial: ['CLOSED'],
  terminal: ['GONE'],
  triggers: ['open', 'close', 'lock', 'unlock', 'remove'],
  transitions: [
    { trigger: 'open', from: ['CLOSED'], to: 'OPEN', emits: 'door.opened' },
    { trigger: 'close', from: ['OPEN'], to: 'CLOSED' },
    { trigger: 'lock', from: ['CLOSED'], to: 'LOCKED', reason: 'night' },
    { trigger: 'unlock', from: ['LOCKED'], to: 'CLOSED' },
    { trigger: 'remove', from: ['OPEN', 'CLOSED'], to: 'GONE' },
  ],
} as const satisfies MachineSpec<string, string, string>;

describe('the declarative state machine', () => {
  const machine = defineStateMachine(door);

  it('moves by the table and answers null where a trigger does not apply', () => {
    expect(machine.next('CLOSED', 'open')).toMatchObject({ to: 'OPEN', emits: 'door.opened' });
    expect(machine.next('CLOSED', 'lock')).toMatchObject({ to: 'LOCKED', reason: 'night' });
    expect(machine.next('LOCKED', 'open')).toBeNull();
    expect(machine.next('GONE', 'close')).toBeNull();
  });

  it('tells what a state offers, where a trigger applies and what is terminal', () => {
    expect(machine.triggersFrom('CLOSED')).toEqual(['open', 'lock', 'remove']);
    expect(machine.triggersFrom('GONE')).toEqual([]);
    expect(machine.sources('remove')).toEqual(['OPEN', 'CLOSED']);
    expect(machine.can('OPEN', 'close')).toBe(true);
    expect(machine.isTerminal('GONE')).toBe(true);
    expect(machine.isTerminal('OPEN')).toBe(false);
    expect(() => machine.check()).not.toThrow();
  });

  it('refuses at start a table with an unreachable state', () => {
    const broken = defineStateMachine({ ...door, states: [...door.states, 'AJAR'], terminal: ['GONE', 'AJAR'] });
    expect(() => broken.check()).toThrow(/unreachable state AJAR/);
  });

  it('refuses at start a transition on an undefined trigger or state', () => {
    const spec = { ...door, transitions: [...door.transitions, { trigger: 'kick', from: ['OPEN'], to: 'BROKEN' }] };
    expect(machineDefects(spec as MachineSpec<string, string, string>)).toEqual(
      expect.arrayContaining(['undefined trigger kick', 'undefined state BROKEN in transition kick']),
    );
    expect(() => defineStateMachine(spec as MachineSpec<string, string, string>).check()).toThrow(/undefined trigger kick/);
  });

  it('refuses a declared trigger without a transition, a way out of a terminal state, and a dead end', () => {
    expect(machineDefects({ ...door, triggers: [...door.triggers, 'paint'] })).toContain('trigger paint has no transition');
    expect(machineDefects({ ...door, transitions: [...door.transitions, { trigger: 'open', from: ['GONE'], to: 'OPEN' }] })).toContain(
      'transition open leaves terminal state GONE',
    );
    expect(machineDefects({ ...door, terminal: [] })).toContain('state GONE is a dead end but not terminal');
  });
});
