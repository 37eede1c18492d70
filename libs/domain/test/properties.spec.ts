import fc from 'fast-check';
import { calculateJkk, calculateJkm, mulDivRoundHalfUp, type JkkClaimInput } from '@sigap/domain';

const wage = fc.integer({ min: 1, max: 200_000_000 });
const outcome = fc.constantFrom<JkkClaimInput['outcome']>(
  { kind: 'RECOVERED' },
  { kind: 'DEATH', deathDate: '2024-03-01' },
  { kind: 'TOTAL_DISABILITY' },
  { kind: 'PARTIAL_ANATOMICAL', impairments: [{ code: 'EYE_ONE_OR_DIPLOPIA' }] },
  {
    kind: 'PARTIAL_FUNCTIONAL',
    impairments: [{ code: 'ARM_LEFT_FROM_SHOULDER', lossOfFunctionPercent: 33 }],
  },
);
const input = (
  w: number,
  o: JkkClaimInput['outcome'],
  stmbDays: number,
  transport: number,
): JkkClaimInput => ({
  program: 'JKK',
  incidentDate: '2024-02-14',
  calculationDate: '2024-06-01',
  monthlyWage: w,
  outcome: o,
  stmb: { from: '2024-02-14', to: new Date(Date.UTC(2024, 1, 14 + stmbDays)).toISOString().slice(0, 10) },
  transport: [{ mode: 'LAND', amount: transport }],
  children: [{ birthDate: '2012-05-01', schoolLevel: 'SMP' }],
});

describe('invariants (fast-check)', () => {
  it('JKK: total = sum of line items, all integers >= 0, deterministic', () => {
    fc.assert(
      fc.property(
        wage,
        outcome,
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        (w, o, d, t) => {
          const a = calculateJkk(input(w, o, d, t));
          const b = calculateJkk(input(w, o, d, t));
          expect(a).toEqual(b);
          expect(a.total).toBe(a.lineItems.reduce((s, i) => s + i.amount, 0));
          for (const i of [...a.lineItems, ...a.scheduled]) {
            expect(Number.isSafeInteger(i.amount)).toBe(true);
            expect(i.amount).toBeGreaterThanOrEqual(0);
            expect(i.legalBasis.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('JKK: monotonic (non-decreasing) in wage', () => {
    fc.assert(
      fc.property(
        wage,
        fc.integer({ min: 0, max: 10_000_000 }),
        outcome,
        fc.integer({ min: 0, max: 500 }),
        (w, delta, o, d) => {
          const lo = calculateJkk(input(w, o, d, 0));
          const hi = calculateJkk(input(w + delta, o, d, 0));
          expect(hi.total).toBeGreaterThanOrEqual(lo.total);
          expect(hi.scheduledTotal).toBeGreaterThanOrEqual(lo.scheduledTotal);
        },
      ),
    );
  });

  it('JKM: total = sum, independent of contribution months except scholarship', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), (m) => {
        const r = calculateJkm({
          program: 'JKM',
          incidentDate: '2024-02-15',
          calculationDate: '2024-03-01',
          contributionMonths: m,
        });
        expect(r.total).toBe(42_000_000);
        expect(r.total).toBe(r.lineItems.reduce((s, i) => s + i.amount, 0));
      }),
    );
  });

  it('mulDivRoundHalfUp matches exact rational rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (a, n, d) => {
          const r = mulDivRoundHalfUp(a, n, d);
          const exact = BigInt(a) * BigInt(n) * 2n; // 2 × a × n
          // r is the integer with |2·a·n − 2·d·r| <= d and ties up
          expect(exact - BigInt(2 * d) * BigInt(r) <= BigInt(d)).toBe(true);
          expect(exact - BigInt(2 * d) * BigInt(r) >= -BigInt(d)).toBe(true);
        },
      ),
    );
  });
});
