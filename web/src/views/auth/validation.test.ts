import { describe, expect, it } from 'vitest';

import { checkCompany, checkConfirm, checkEmail, checkName, checkPassword, checkPhone } from './validation';

describe('registration checks', () => {
  it('company: 2–100 characters, counted as people count them', () => {
    expect(checkCompany('')).toBe('required');
    expect(checkCompany('   ')).toBe('required');
    expect(checkCompany('甲')).toBe('companyLength');
    expect(checkCompany('甲乙')).toBeNull();
    expect(checkCompany('字'.repeat(100))).toBeNull();
    expect(checkCompany('字'.repeat(101))).toBe('companyLength');
    expect(checkCompany('𠀋'.repeat(100))).toBeNull(); // outside the BMP: 2 UTF-16 units each
  });

  it('name: 1–50 characters', () => {
    expect(checkName('')).toBe('required');
    expect(checkName('张')).toBeNull();
    expect(checkName('名'.repeat(51))).toBe('nameLength');
  });

  it('phone: mainland mobile number', () => {
    expect(checkPhone('')).toBe('required');
    expect(checkPhone('13912345678')).toBeNull();
    expect(checkPhone('19912345678')).toBeNull();
    for (const bad of ['12912345678', '1391234567', '139123456789', '+8613912345678', '1391234567a']) {
      expect(checkPhone(bad), bad).toBe('phoneFormat');
    }
  });

  it('e-mail: optional, valid when given', () => {
    expect(checkEmail('')).toBeNull();
    expect(checkEmail('li.si@example.com.cn')).toBeNull();
    for (const bad of ['li.si', 'li@example', '@example.com', 'li si@example.com', 'li@@example.com']) {
      expect(checkEmail(bad), bad).toBe('emailFormat');
    }
  });

  it('password: 8–128 characters with letters and digits, not the phone or e-mail name', () => {
    expect(checkPassword('')).toBe('required');
    expect(checkPassword('abc123')).toBe('passwordLength');
    expect(checkPassword('a1'.repeat(65))).toBe('passwordLength');
    expect(checkPassword('abcdefgh')).toBe('passwordStrength');
    expect(checkPassword('12345678')).toBe('passwordStrength');
    expect(checkPassword('Passw0rd!2026')).toBeNull();
    expect(checkPassword('x13912345678', '13912345678')).toBe('passwordPersonal');
    expect(checkPassword('Zhangsan2026', '', 'zhangsan@example.com')).toBe('passwordPersonal');
    expect(checkPassword('Abc12345', '', 'abc@example.com')).toBeNull(); // names under 4 letters are not checked
  });

  it('confirmation must match', () => {
    expect(checkConfirm('Passw0rd', '')).toBe('required');
    expect(checkConfirm('Passw0rd', 'Passw0rD')).toBe('passwordMismatch');
    expect(checkConfirm('Passw0rd', 'Passw0rd')).toBeNull();
  });
});
