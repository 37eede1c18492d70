import { NotFoundException } from '@nestjs/common';
import { hashTrackingCode } from '@sigap/claims';
import type { DataSource } from 'typeorm';
import { TrackingService } from './tracking.service';

/** The claims the fake database knows, as the tracking statement returns them. */
const row = (claimNumber: string, code: string, stage: string) => ({
  claim_number: claimNumber,
  tracking_code_hash: hashTrackingCode(code),
  stage,
  benefit_total: null,
  paid_total: null,
  failures: null,
  events: [{ stage: 'REPORTED', at: '2026-12-01T10:00:00.000Z' }],
  docs: [],
  paid_on: null,
  pending: 0,
  account: null,
});

function fakeDatabase() {
  const known = [
    row('SGP-2026-000001', 'AAAAAAAAAA', 'REPORTED'),
    row('SGP-2026-000002', 'BBBBBBBBBB', 'PAYOUT'),
    row('SGP-2026-000003', 'CCCCCCCCCC', 'CLOSED'),
  ];
  const statements: { name: string; numbers: string[] }[] = [];
  const master = {
    query: async ({ name, values }: { name: string; values: [string[], number] }) => {
      statements.push({ name, numbers: [...values[0]] });
      return { rows: known.filter((r) => values[0].includes(r.claim_number)) };
    },
  };
  // a wrong code is counted through the DataSource itself
  const ds = { driver: { master }, query: async () => [] } as unknown as DataSource;
  return { ds, statements };
}

describe('TrackingService', () => {
  it('reads lookups that arrive together in one statement, and answers each with its own claim', async () => {
    const { ds, statements } = fakeDatabase();
    const tracking = new TrackingService(ds);
    const answers = await Promise.allSettled([
      tracking.track('SGP-2026-000001', 'AAAAAAAAAA'),
      tracking.track('SGP-2026-000002', 'BBBBBBBBBB'),
      tracking.track('SGP-2026-000003', 'AAAAAAAAAA'), // another claim's code
      tracking.track('SGP-2026-000009', 'AAAAAAAAAA'), // no such claim
      tracking.track('SGP-2026-000001', 'AAAAAAAAAA'), // the same claim twice
    ]);
    expect(statements).toEqual([
      {
        name: 'sigap_track_claims',
        numbers: [
          'SGP-2026-000001',
          'SGP-2026-000002',
          'SGP-2026-000003',
          'SGP-2026-000009',
          'SGP-2026-000001',
        ],
      },
    ]);
    const [a, b, wrong, unknown, again] = answers;
    expect(a).toMatchObject({
      status: 'fulfilled',
      value: { claimNumber: 'SGP-2026-000001', stage: { code: 'REPORTED' } },
    });
    expect(b).toMatchObject({
      status: 'fulfilled',
      value: { claimNumber: 'SGP-2026-000002', stage: { code: 'PAYOUT' } },
    });
    expect(again).toMatchObject({ status: 'fulfilled', value: { claimNumber: 'SGP-2026-000001' } });
    for (const refused of [wrong, unknown]) {
      expect(refused).toMatchObject({ status: 'rejected' });
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundException);
    }
  });

  it('a lookup alone goes at once; the next one is a statement of its own (nothing is cached)', async () => {
    const { ds, statements } = fakeDatabase();
    const tracking = new TrackingService(ds);
    await tracking.track('SGP-2026-000002', 'BBBBBBBBBB');
    await tracking.track('SGP-2026-000002', 'BBBBBBBBBB');
    expect(statements.map((s) => s.numbers)).toEqual([['SGP-2026-000002'], ['SGP-2026-000002']]);
  });
});
