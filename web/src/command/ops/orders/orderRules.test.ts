import { describe, expect, it } from 'vitest';
import {
  answersFor,
  deadlineInstant,
  defaultDeadline,
  mayAcknowledge,
  mayComplete,
  parseUnitCodes,
} from './orderRules.js';

describe('answersFor', () => {
  it('lets a township lead answer for the township and its villages', () => {
    expect(answersFor(['430321205'], '430321', '430321205')).toBe(true);
    expect(answersFor(['430321205'], '430321', '430321205206')).toBe(true);
  });
  it('does not let the issuer answer for the units it sent the order to', () => {
    expect(answersFor(['430321'], '430321', '430321205')).toBe(false);
    expect(answersFor(['430321205'], '430321205', '430321205206')).toBe(false);
  });
  it('does not answer for another township', () => {
    expect(answersFor(['430321205'], '430321', '430321102')).toBe(false);
  });
});

describe('answer buttons', () => {
  it('acknowledges only what is neither acknowledged nor completed', () => {
    expect(mayAcknowledge({ acknowledged: false, completedAt: null })).toBe(true);
    expect(mayAcknowledge({ acknowledged: true, completedAt: null })).toBe(false);
    expect(mayComplete({ completedAt: null })).toBe(true);
    expect(mayComplete({ completedAt: '2021-08-09T08:00:00.000Z' })).toBe(false);
  });
});

describe('deadlineInstant', () => {
  it('reads the typed time as Shanghai wall time', () => {
    expect(deadlineInstant('2021-08-10T17:00')).toBe('2021-08-10T17:00:00+08:00');
    expect(Date.parse(deadlineInstant('2021-08-10T17:00') ?? '')).toBe(Date.parse('2021-08-10T09:00:00Z'));
  });
  it('refuses what is not a date and time', () => {
    expect(deadlineInstant('')).toBeUndefined();
    expect(deadlineInstant('2021-02-30T17:00')).toBeUndefined();
    expect(deadlineInstant('2021-08-10T25:00')).toBeUndefined();
  });
  it('defaults to the next day at 17:00', () => {
    expect(defaultDeadline('2021-08-31')).toBe('2021-09-01T17:00');
  });
});

describe('parseUnitCodes', () => {
  it('keeps townships and villages, once each, and names the rest', () => {
    expect(parseUnitCodes('430321205, 430321205206、430321205\n430321 43032120520600 abc')).toEqual({
      codes: ['430321205', '430321205206'],
      invalid: ['430321', '43032120520600', 'abc'],
    });
  });
  it('reads nothing from blank text', () => {
    expect(parseUnitCodes('  \n ')).toEqual({ codes: [], invalid: [] });
  });
});
