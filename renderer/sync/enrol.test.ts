import { describe, expect, it } from 'vitest';
import { checkDistrictUrl } from './enrol';

describe('checkDistrictUrl', () => {
  it('accepts HTTPS anywhere and HTTP only on this machine', () => {
    expect(checkDistrictUrl('https://district.example.cn/path')?.href).toBe(
      'https://district.example.cn/',
    );
    expect(checkDistrictUrl('http://localhost:4100')?.href).toBe('http://localhost:4100/');
    expect(checkDistrictUrl('http://127.0.0.1:4100')?.href).toBe('http://127.0.0.1:4100/');
  });

  it('refuses plain HTTP to another machine and things that are not addresses', () => {
    expect(checkDistrictUrl('http://district.example.cn')).toBeNull();
    expect(checkDistrictUrl('ftp://localhost')).toBeNull();
    expect(checkDistrictUrl('district')).toBeNull();
  });
});
