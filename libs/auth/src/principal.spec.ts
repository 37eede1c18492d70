import { inScope, scopePrefixes } from './principal';
import { Role } from './roles';

describe('region scoping', () => {
  const operatorKotaBandung = { role: Role.KPU_OPERATOR, regions: ['3273'] };
  const operatorJabar = { role: Role.KPU_OPERATOR, regions: ['32'] };
  const officer = { role: Role.BPJS_OFFICER, regions: ['3273', '3204'] };
  const admin = { role: Role.ADMIN, regions: [] };

  it.each([
    [operatorKotaBandung, '3273', true],
    [operatorKotaBandung, '3273011001', true], // a desa in Kota Bandung
    [operatorKotaBandung, '3204', false], // Kabupaten Bandung
    [operatorKotaBandung, '3173', false], // Jakarta Selatan
    [operatorJabar, '3204', true],
    [operatorJabar, '3173', false],
    [officer, '3204050001', true],
    [officer, '3277', false], // Kota Cimahi: not served by this branch
    [admin, '9471', true],
  ])('%j sees %s: %s', (p, code, expected) => {
    expect(inScope(p, code)).toBe(expected);
  });

  it('gives SQL prefixes, or null for everything', () => {
    expect(scopePrefixes(officer)).toEqual(['3273', '3204']);
    expect(scopePrefixes(admin)).toBeNull();
  });

  it('a user with no regions sees nothing', () => {
    expect(inScope({ role: Role.KPU_OPERATOR, regions: [] }, '3273')).toBe(false);
  });
});
