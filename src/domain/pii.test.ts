import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhoneOrNull } from './pii.js';

describe('maskPhone', () => {
  it('keeps a mobile number’s network prefix and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('199 0000 1234')).toBe('199****1234');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('008613812345678')).toBe('138****5678');
  });

  it('keeps only the last four characters of anything else', () => {
    expect(maskPhone('0731-52812345')).toBe('********2345');
    expect(maskPhone('12345678901')).toBe('*******8901'); // 12x is not a mobile network
    expect(maskPhone('+85291234567')).toBe('********4567');
  });

  it('never shows more of a short or empty value than of a real number', () => {
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('')).toBe('');
  });

  it('passes a missing phone through', () => {
    expect(maskPhoneOrNull(null)).toBeNull();
    expect(maskPhoneOrNull('13812345678')).toBe('138****5678');
  });
});
